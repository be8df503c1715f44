# 단어 개수 세기
def main():
    line = input()
    d = {}
    for word in line.split():
        d[word] = d.get(word, 0) + 1
    items = list(d.items())
    # 선택 정렬: 많이 나온 순, 같으면 사전 순
    for a in range(len(items)):
        best = a
        for b in range(a + 1, len(items)):
            if items[b][1] > items[best][1] or (items[b][1] == items[best][1] and items[b][0] < items[best][0]):
                best = b
        items[a], items[best] = items[best], items[a]
    for word, cnt in items:
        print(word, cnt)


main()
