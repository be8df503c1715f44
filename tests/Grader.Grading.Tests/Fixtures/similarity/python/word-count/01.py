words = input().split()
counts = {}
for w in words:
    if w in counts:
        counts[w] += 1
    else:
        counts[w] = 1
for word, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(word, c)
