class Report:
    def __init__(self, rows):
        self.rows = rows

    def mean(self):
        s = 0
        for row in self.rows:
            s = s + row[1]
        return s / len(self.rows)

    def first(self):
        ranked = sorted(self.rows, key=lambda r: -r[1])
        return ranked[0][0]

    @staticmethod
    def grade_of(x):
        if x >= 90: return "A"
        if x >= 80: return "B"
        if x >= 70: return "C"
        if x >= 60: return "D"
        return "F"


r = Report(students)
print(format(r.mean(), ".1f"))
print(r.first())
for n, s in r.rows:
    print(n, Report.grade_of(s))
