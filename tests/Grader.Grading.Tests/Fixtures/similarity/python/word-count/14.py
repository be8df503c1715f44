import sys
text = sys.stdin.read()
tokens = text.split()
seen = {}
for t in tokens:
    seen[t] = seen.get(t, 0) + 1
ranking = sorted(seen, key=lambda k: (seen[k] * -1, k))
for r in ranking:
    sys.stdout.write(r + " " + str(seen[r]) + "\n")
