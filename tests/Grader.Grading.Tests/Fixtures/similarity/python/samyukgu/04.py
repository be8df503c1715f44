n=int(input())
for a in range(n):
    num=a+1
    result=''
    for d in str(num):
        if d=='3' or d=='6' or d=='9':
            result=result+'짝'
    if result=='':
        result=str(num)
    print(result)
