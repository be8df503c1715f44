def game(n):
    lines = []
    for number in range(1, n + 1):
        hits = sum(1 for c in str(number) if c in {'3', '6', '9'})
        lines.append('짝' * hits if hits > 0 else str(number))
    return lines


def main():
    n = int(input().strip())
    for line in game(n):
        print(line)


if __name__ == "__main__":
    main()
