import re

n = int(input())
for i in range(1, n + 1):
    found = re.findall("[369]", str(i))
    if found:
        print("짝" * len(found))
    else:
        print(i)
