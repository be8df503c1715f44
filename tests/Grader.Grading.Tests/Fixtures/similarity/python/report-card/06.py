i = 0
hi = -1
hi_name = ""
acc = 0
while i < len(students):
    nm, sc = students[i]
    acc += sc
    if sc > hi:
        hi = sc
        hi_name = nm
    i += 1
print(round(acc / len(students), 1))
print(hi_name)
for nm, sc in students:
    g = "F"
    if sc >= 60: g = "D"
    if sc >= 70: g = "C"
    if sc >= 80: g = "B"
    if sc >= 90: g = "A"
    print(nm + " " + g)
