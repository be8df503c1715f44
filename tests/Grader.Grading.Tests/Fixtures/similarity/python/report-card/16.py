def report_line(name, score):
    if score >= 90:
        return name + " A"
    elif score >= 80:
        return name + " B"
    elif score >= 70:
        return name + " C"
    elif score >= 60:
        return name + " D"
    return name + " F"


def best_student(rows):
    best = max(score for _, score in rows)
    for name, score in rows:
        if score == best:
            return name


def mean(rows):
    return sum(score for _, score in rows) / len(rows)


print("%.1f" % mean(students))
print(best_student(students))
for row in students:
    print(report_line(*row))
