from functools import reduce

def clap(n):
    return reduce(lambda acc, ch: acc + (1 if ch in "369" else 0), str(n), 0)

m = int(input())
for j in range(1, m + 1):
    times = clap(j)
    if times == 0:
        print(j)
        continue
    print("짝" * times)
