line = input().strip()
names = []
numbers = []
for w in line.split():
    if w in names:
        numbers[names.index(w)] += 1
    else:
        names.append(w)
        numbers.append(1)
order = list(range(len(names)))
order.sort(key=lambda i: names[i])
order.sort(key=lambda i: numbers[i], reverse=True)
for i in order:
    print(names[i], numbers[i])
