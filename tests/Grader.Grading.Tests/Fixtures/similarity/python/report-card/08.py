import statistics

print(f"{statistics.mean(s for _, s in students):.1f}")
print(max(students, key=lambda t: t[1])[0])
letters = {10: "A", 9: "A", 8: "B", 7: "C", 6: "D"}
for name, score in students:
    print(name, letters.get(score // 10, "F"))
