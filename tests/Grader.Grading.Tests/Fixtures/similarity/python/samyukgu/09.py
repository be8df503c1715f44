n = int(input())
table = str.maketrans("", "", "0124578")
for i in range(1, n + 1):
    left = str(i).translate(table)
    print("짝" * len(left) if left else i)
