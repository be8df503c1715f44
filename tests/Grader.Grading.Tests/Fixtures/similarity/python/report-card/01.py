total = 0
for name, score in students:
    total += score
print(f"{total / len(students):.1f}")
best = students[0]
for s in students:
    if s[1] > best[1]:
        best = s
print(best[0])
for name, score in students:
    if score >= 90:
        g = "A"
    elif score >= 80:
        g = "B"
    elif score >= 70:
        g = "C"
    elif score >= 60:
        g = "D"
    else:
        g = "F"
    print(name, g)
