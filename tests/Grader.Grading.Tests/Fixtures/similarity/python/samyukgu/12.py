def say(number):
    claps = [ch for ch in str(number) if int(ch) % 3 == 0 and ch != "0"]
    return "짝" * len(claps) if claps else str(number)


print(*[say(k) for k in range(1, int(input()) + 1)], sep="\n")
