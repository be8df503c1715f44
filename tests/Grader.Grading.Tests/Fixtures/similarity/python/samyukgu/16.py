def main():
    n = int(input())
    clap_digits = set("369")
    for i in range(1, n + 1):
        n_claps = 0
        for ch in str(i):
            if ch in clap_digits:
                n_claps += 1
        if n_claps == 0:
            print(i)
        else:
            print("".join(["짝"] * n_claps))

main()
