def bubble(entries):
    n = len(entries)
    for i in range(n):
        for j in range(n - 1 - i):
            a, b = entries[j], entries[j + 1]
            if a[1] < b[1] or (a[1] == b[1] and a[0] > b[0]):
                entries[j], entries[j + 1] = b, a
    return entries


counts = {}
for x in input().split():
    counts[x] = counts.get(x, 0) + 1
for word, k in bubble(list(counts.items())):
    print(word, k)
