def compute_average(lst):
    values = []
    for entry in lst:
        values.append(entry[1])
    return sum(values) / len(values)


def find_best(lst):
    best_name = None
    best_score = None
    for entry in lst:
        if best_score is None or entry[1] > best_score:
            best_name, best_score = entry
    return best_name


def grade_table(lst):
    table = {}
    for nm, sc in lst:
        table[nm] = "A" if sc >= 90 else "B" if sc >= 80 else "C" if sc >= 70 else "D" if sc >= 60 else "F"
    return table


print("{:.1f}".format(compute_average(students)))
print(find_best(students))
for k, v in grade_table(students).items():
    print(k, v)
