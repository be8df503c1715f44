w = input().split()
u = sorted(set(w))
cnt = [w.count(x) for x in u]
while u:
    top = max(cnt)
    pos = cnt.index(top)
    print(u[pos], top)
    u.pop(pos)
    cnt.pop(pos)
