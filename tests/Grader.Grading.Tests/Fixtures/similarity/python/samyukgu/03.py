import sys

n = int(sys.stdin.readline())
out = []
for x in range(1, n + 1):
    s = str(x)
    k = s.count("3") + s.count("6") + s.count("9")
    out.append("짝" * k if k else s)
print("\n".join(out))
