text = input()
word_list = text.split(" ")
unique = []
for w in word_list:
    if w != "" and w not in unique:
        unique.append(w)
pairs = []
for u in unique:
    pairs.append([word_list.count(u), u])
pairs.sort(key=lambda p: (-p[0], p[1]))
for p in pairs:
    print(p[1], p[0])
