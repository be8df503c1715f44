def average(rows):
    return sum(score for _, score in rows) / len(rows)


def top(rows):
    return max(rows, key=lambda row: row[1])[0]


def grade(score):
    for cut, letter in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= cut:
            return letter
    return "F"


print(round(average(students), 1))
print(top(students))
for name, score in students:
    print(name, grade(score))
