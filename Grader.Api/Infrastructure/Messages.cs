using System.Globalization;

namespace Grader.Api.Infrastructure;

/// <summary>
/// Every text a person reads from the API, in Korean (the default) and English, chosen by the request
/// culture that Accept-Language sets. Codes are stable so tests and clients can rely on them.
/// </summary>
public static class Messages
{
    private static readonly Dictionary<string, (string Ko, string En)> s_texts = new()
    {
        ["auth.required"] = ("로그인이 필요합니다. 토큰을 확인하세요.", "Sign-in required: check your token."),
        ["auth.forbidden"] = ("이 작업을 할 권한이 없습니다.", "You are not allowed to do this."),
        ["not_found"] = ("찾을 수 없습니다.", "Not found."),
        ["bad_request"] = ("요청을 읽을 수 없습니다. 형식을 확인하세요.", "The request could not be read: check its format."),
        ["validation"] = ("입력값을 확인하세요.", "Check the input."),
        ["conflict"] = ("이미 있는 항목입니다.", "That already exists."),
        ["server_error"] = ("서버에 문제가 생겼습니다. 잠시 후 다시 시도하세요.", "Something went wrong on the server. Try again shortly."),
        ["unavailable"] = ("잠시 사용할 수 없습니다. 조금 뒤에 다시 시도하세요.", "Temporarily unavailable. Try again shortly."),
        ["too_many"] = ("너무 자주 제출했습니다. 잠시 후 다시 시도하세요.", "Too many submissions. Try again shortly."),
        ["too_large"] = ("파일이 너무 큽니다.", "The upload is too large."),
        ["field.required"] = ("필수 항목입니다.", "Required."),
        ["field.too_long"] = ("너무 깁니다.", "Too long."),
        ["field.unstorable"] = ("저장할 수 없는 문자(NUL)가 들어 있습니다. 지우고 다시 입력하세요.", "Holds a character that cannot be stored (NUL): remove it and try again."),
        ["attendance.below_recorded"] = ("이미 기록된 출석 수보다 수업 횟수를 적게 할 수 없습니다. 그 학생들의 출석 수도 함께 고치세요.",
            "Sessions held cannot go below a student's recorded attendance: correct those students' attendance in the same request."),
        ["field.invalid"] = ("올바르지 않은 값입니다.", "Invalid value."),
        ["password.too_short"] = ("비밀번호는 6자 이상이어야 합니다.", "A password needs at least 6 characters."),
        ["signin.failed"] = ("아이디나 비밀번호가 맞지 않습니다.", "The login or password is not right."),
        ["signin.throttled"] = ("로그인을 너무 여러 번 시도했습니다. 30초 뒤에 다시 해 보세요.", "Too many sign-in attempts. Try again in 30 seconds."),
        ["login.taken"] = ("이미 사용 중인 아이디입니다.", "That login is taken."),
        ["role.invalid"] = ("역할은 admin, designer, teacher, student 중 하나입니다.", "Role must be admin, designer, teacher or student."),
        ["kind.invalid"] = ("과목 종류는 convergence, credit, general 중 하나입니다.", "Kind must be convergence, credit or general."),
        ["cuts.invalid"] = ("기준 점수는 100 ≥ A > B > C > D > 0 이어야 하고, 학점제(credit) 과목은 D가 40보다 커야 합니다.",
            "Cut scores must satisfy 100 ≥ A > B > C > D > 0, and in a credit course D must be above 40."),
        ["user.unknown"] = ("없는 사용자입니다.", "No such user."),
        ["assignment.unknown"] = ("이 과목에 없는 과제입니다.", "No such assignment in this course."),
        ["field.duplicate"] = ("같은 항목이 두 번 있습니다.", "Given twice."),
        ["member.no_course_role"] = ("디자이너와 관리자는 과목 구성원이 될 수 없습니다.", "Designers and admins are not course members."),
        ["member.role_mismatch"] = ("과목에서의 역할은 계정의 역할과 같아야 합니다 (학생은 student, 교사는 teacher).",
            "The role in a course is the account's own: student for a student, teacher for a teacher."),
        ["member.admin_only"] = ("이 선생님의 다른 과목에 없는 학생은 관리자만 등록할 수 있습니다.",
            "A student who is not in one of your courses is enrolled by an admin."),
        ["member.exists"] = ("이미 이 과목의 구성원입니다. 역할은 바뀌지 않았습니다.", "Already a member of this course; the role was not changed."),
        ["roster.login_elsewhere"] = ("선생님의 과목에 없는 계정이 쓰는 아이디입니다. 다른 아이디를 쓰거나, 같은 학생이면 관리자에게 등록을 부탁하세요.",
            "This login belongs to an account outside your courses: choose another login, or ask an admin to enrol that student."),
        ["suite.unknown"] = ("없는 테스트 묶음입니다.", "No such test suite."),
        ["suite.not_validated"] = ("참조 답안 검증을 통과하지 않은 테스트 묶음은 쓸 수 없습니다.", "This suite version has not passed validation against its reference solution."),
        ["suite.invalid"] = ("테스트 묶음에 문제가 있습니다.", "The test suite has problems."),
        ["suite.statement_image_outside"] = ("문제 설명의 그림은 zip 안의 파일이어야 합니다.", "A statement's picture must be a file of the zip."),
        ["suite.statement_image_missing"] = ("문제 설명이 보여 주는 그림이 zip에 없습니다.", "The zip lacks a picture the statement shows."),
        ["suite.statement_image_too_large"] = ("문제 설명의 그림이 너무 큽니다 (한 장에 2 MB까지).", "A statement's picture is too large (2 MB each at most)."),
        ["suite.statement_image_type"] = ("문제 설명의 그림은 PNG, JPEG, GIF, WebP만 쓸 수 있습니다.", "A statement's pictures may be PNG, JPEG, GIF or WebP only."),
        ["suite.statement_too_many_images"] = ("문제 설명의 그림이 너무 많습니다.", "The statement shows too many pictures."),
        ["suite.statement_too_large"] = ("문제 설명이 너무 깁니다.", "The statement is too long."),
        ["suite.invalid_hint"] = ("힌트는 1000자 이하의 글이어야 합니다.", "A hint must be text of at most 1000 characters."),
        ["suite.slug_taken"] = ("이 slug는 다른 디자이너의 테스트 묶음입니다. 다른 slug를 쓰세요.",
            "This slug is another designer's suite: choose another slug."),
        ["suite.other_slug"] = ("같은 테스트 묶음(slug)의 다른 버전으로만 옮길 수 있습니다. 다른 문제라면 새 과제를 만드세요.",
            "An assignment moves only to another version of the same suite (slug). For another problem, make a new assignment."),
        ["suite.move_conflict"] = ("채점이 진행 중이라 옮기지 못했습니다. 다시 시도하세요.", "Grading kept changing the submissions; try again."),
        ["submission.language"] = ("이 과제에서 받지 않는 언어입니다.", "This assignment does not accept that language."),
        ["submission.file"] = ("파일을 읽을 수 없습니다.", "The file could not be read."),
        ["submission.block"] = ("채점기가 실행할 수 없는 블록이 있습니다.", "The program uses a block the grader cannot run."),
        ["submission.block_detail"] = ("'{1}'의 '{0}' 블록", "the block '{0}' of '{1}'"),
        ["submission.zip_main"] = ("zip 파일 맨 위에 main.py가 있어야 합니다.", "The zip needs a main.py at its top."),
        ["submission.late"] = ("마감이 지나 제출할 수 없습니다.", "The due date has passed."),
        ["submission.too_many"] = ("너무 자주 제출했습니다. {0}초 뒤에 다시 제출하세요.", "Too many submissions. Submit again in {0} seconds."),
        ["submission.limit"] = ("제출 횟수를 모두 썼습니다.", "No submissions left for this assignment."),
        ["submission.not_student"] = ("이 과목의 학생만 제출할 수 있습니다.", "Only students of this course can submit."),
        ["idempotency.invalid"] = ("Idempotency-Key는 1~200자 하나여야 합니다.", "Idempotency-Key must be one value of 1 to 200 characters."),
        ["idempotency.reused"] = ("이 Idempotency-Key는 다른 제출에 이미 쓰였습니다.", "This Idempotency-Key was already used for a different submission."),
        ["requeue.conflict"] = ("다른 요청이 먼저 바꿨습니다. 다시 시도하세요.", "Another request changed these submissions first; try again."),
        ["roster.invalid"] = ("명단 파일에 고칠 곳이 있습니다. 아무것도 저장하지 않았습니다.", "The roster has rows to fix; nothing was stored."),
        ["roster.lines"] = ("고칠 줄: {0}", "Lines to fix: {0}"),
        ["roster.encoding"] = ("UTF-8이 아닌 글자가 있습니다. 엑셀에서 'CSV UTF-8'로 저장하세요.", "Not UTF-8: in Excel, save as 'CSV UTF-8'."),
        ["roster.quote"] = ("따옴표가 닫히지 않았습니다.", "A quotation mark is not closed."),
        ["roster.empty"] = ("명단에 학생이 없습니다.", "The roster lists no students."),
        ["roster.column_missing"] = ("머리글에 이 열이 없습니다 (학번, 아이디, 이름).", "The header lacks this column (student number, login, name)."),
        ["roster.too_many"] = ("한 번에 300명까지 올릴 수 있습니다.", "At most 300 students per upload."),
        ["roster.duplicate"] = ("앞줄과 겹칩니다.", "Repeats an earlier line."),
        ["login.format"] = ("아이디는 영문, 숫자, 점(.), 빼기(-), 밑줄(_)로 2~64자입니다.", "A login is 2–64 letters, digits, dots, dashes or underscores."),
        ["remedial.unfinished"] = ("보충 지도는 학점당 최소 시간(2025학년도부터 3시간, 그 전 5시간) 이상 운영하고 학생이 운영 시간의 2/3 이상 참여해야 완료로 기록할 수 있습니다.",
            "Remedial instruction is complete only when at least the minimum hours per credit were run (3 from 학년도 2025, 5 before) and the student took part in at least 2/3 of them."),
        ["remedial.attended_above_run"] = ("참여 시간은 운영 시간보다 많을 수 없습니다.", "Hours attended cannot exceed the hours run."),
        ["extra_learning.credit_only"] = ("추가학습은 학점제(credit) 과목에만 기록합니다.", "Extra learning is recorded in credit courses only."),
        ["subject_type.invalid"] = ("과목 유형은 common(공통과목) 또는 elective(선택과목)입니다.", "Subject type must be common or elective."),
        ["subject_type.credit_only"] = ("과목 유형은 학점제(credit) 과목에만 정합니다.", "A subject type belongs to credit courses only."),
        ["school_year.invalid"] = ("학년도는 2000부터 2100 사이의 연도입니다.", "The school year must be a year from 2000 to 2100."),
        ["remedial.credit_only"] = ("보충 지도는 학점제(credit) 과목에만 기록합니다.", "Remedial instruction is recorded in credit courses only."),
        ["gradebook.file_name"] = ("성적표", "gradebook"),
        ["guidance.file_name"] = ("예방지도 명단", "guidance list"),
        ["neis.file_name"] = ("수행평가 일괄입력", "NEIS bulk entry"),
        ["neis.layout"] = ("나이스 수행평가 일괄입력 양식으로 읽을 수 없습니다. 수식이 없는 .xlsx 파일로, 시트마다 '영역' 행(평가영역 이름 또는 과제 제목)과 '번호·성명·점수' 머리글이 있어야 합니다.",
            "Not a NEIS bulk-entry workbook this course can fill: an .xlsx file without formulas, each sheet with an '영역' row naming an area or assignment and a '번호·성명·점수' header."),
    };

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Text(string code) =>
        s_texts.TryGetValue(code, out var text) ? (IsEnglish ? text.En : text.Ko) : code;

    public static bool Has(string code) => s_texts.ContainsKey(code);
}
