names = [n for n, _ in students]
points = [p for _, p in students]
print(f"{sum(points) / len(points):.1f}")
print(names[points.index(max(points))])
bounds = [60, 70, 80, 90]
labels = "FDCBA"
for k in range(len(names)):
    level = 0
    for b in bounds:
        if points[k] >= b:
            level += 1
    print(names[k], labels[level])
