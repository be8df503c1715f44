def mean_of(values):
    n = 0
    t = 0
    for v in values:
        n += 1
        t += v
    return t / n


def argmax(values):
    idx = 0
    for j, v in enumerate(values):
        if v > values[idx]:
            idx = j
    return idx


def letter(v):
    return "A" if v > 89 else ("B" if v > 79 else ("C" if v > 69 else ("D" if v > 59 else "F")))


vals = [v for (_, v) in students]
print(f"{mean_of(vals):.1f}")
print(students[argmax(vals)][0])
for j in range(len(students)):
    print(students[j][0], letter(vals[j]))
