def rank(rows):
    order = list(rows)
    for a in range(len(order)):
        for b in range(a + 1, len(order)):
            if order[b][1] > order[a][1]:
                order[a], order[b] = order[b], order[a]
    return order


def grade(p):
    if p >= 90:
        return "A"
    if p >= 80:
        return "B"
    if p >= 70:
        return "C"
    if p >= 60:
        return "D"
    return "F"


ranked = rank(students)
total = 0
for _, p in students:
    total += p
print("%.1f" % (total / len(students)))
print(ranked[0][0])
for name, p in students:
    print(name, grade(p))
