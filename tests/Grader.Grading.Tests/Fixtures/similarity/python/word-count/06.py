s = input().split()
s.sort()
result = []
i = 0
while i < len(s):
    j = i
    while j < len(s) and s[j] == s[i]:
        j += 1
    result.append((j - i, s[i]))
    i = j
result.sort(key=lambda x: -x[0])
for n, w in result:
    print(w, n)
