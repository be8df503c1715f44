print("even" if sum(map(int, input().split())) % 2 == 0 else "odd")
