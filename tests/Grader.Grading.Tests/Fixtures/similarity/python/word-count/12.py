data = input().split()
groups = {}
for word in data:
    groups.setdefault(word, []).append(word)
by_size = {}
for word, same in groups.items():
    by_size.setdefault(len(same), []).append(word)
for size in sorted(by_size, reverse=True):
    for word in sorted(by_size[size]):
        print(word, size)
