n = int(input())
for i in range(1, n+1):
    tens = i // 10
    ones = i % 10
    hundreds = i // 100
    claps = 0
    for d in [i // 1000, hundreds % 10, tens % 10, ones]:
        if d != 0 and d % 3 == 0:
            claps += 1
    print("짝" * claps if claps != 0 else i)
