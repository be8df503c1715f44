n = int(input())
i = 1
for _ in range(n):
    word = ""
    for c in str(i):
        word += "짝" if c == "3" or c == "6" or c == "9" else ""
    print(word or i)
    i = i + 1
