def letter(points):
    if points < 60:
        return 'F'
    return "DCBA"[min((points - 60) // 10, 3)]

scores = [s for _, s in students]
avg = sum(scores) / len(scores)
print("%.1f" % avg)
print(students[scores.index(max(scores))][0])
for who, pts in students:
    print(who, letter(pts))
