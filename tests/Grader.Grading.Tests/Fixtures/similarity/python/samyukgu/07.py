# 369 게임
n = int(input())
count = 1
while count <= n:
    text = str(count)
    clap = ""
    idx = 0
    while idx < len(text):
        if text[idx] in ["3", "6", "9"]:
            clap += "짝"
        idx += 1
    if len(clap) == 0:
        print(count)
    else:
        print(clap)
    count += 1
