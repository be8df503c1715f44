def read_students():
    n = int(input())
    students = []
    for _ in range(n):
        name, score = input().split()
        students.append((name, int(score)))
    return students


# 여기에 함수를 작성하고, 평균(소수 첫째 자리), 1등의 이름, 학생마다 이름과 등급(A~F)을 출력하세요.


students = read_students()
