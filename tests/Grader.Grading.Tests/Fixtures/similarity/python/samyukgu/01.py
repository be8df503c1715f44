n = int(input())
for i in range(1, n + 1):
    claps = 0
    for ch in str(i):
        if ch in "369":
            claps += 1
    if claps > 0:
        print("짝" * claps)
    else:
        print(i)
