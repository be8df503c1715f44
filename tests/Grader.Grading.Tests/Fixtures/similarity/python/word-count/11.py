from collections import Counter

def solve(text):
    c = Counter(text.split())
    best_first = sorted(c, key=lambda w: (-c[w], w))
    return [w + " " + str(c[w]) for w in best_first]

for out_line in solve(input()):
    print(out_line)
