def main(rows):
    import math
    s = sum(r[1] for r in rows)
    print(f"{s / len(rows):.1f}")
    best = rows[0]
    for r in rows[1:]:
        best = r if r[1] > best[1] else best
    print(best[0])
    for r in rows:
        q = math.floor(r[1] / 10)
        print(r[0], {9: "A", 10: "A", 8: "B", 7: "C", 6: "D"}.get(q, "F"))


main(students)
