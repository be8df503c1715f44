stats = {"sum": 0, "best": None}
for student in students:
    stats["sum"] += student[1]
    if stats["best"] is None or student[1] > stats["best"][1]:
        stats["best"] = student
print(round(stats["sum"] / len(students), 1))
print(stats["best"][0])
for student in students:
    s = student[1]
    if s >= 90:
        print(student[0], "A")
    elif s >= 80:
        print(student[0], "B")
    elif s >= 70:
        print(student[0], "C")
    elif s >= 60:
        print(student[0], "D")
    else:
        print(student[0], "F")
