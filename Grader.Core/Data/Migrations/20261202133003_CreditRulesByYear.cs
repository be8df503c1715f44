using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CreditRulesByYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "remedial_hours_required",
                table: "course_members",
                newName: "remedial_hours_run");

            migrationBuilder.AddColumn<int>(
                name: "school_year",
                table: "courses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "subject_type",
                table: "courses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "extra_learning_completed",
                table: "course_members",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Existing courses belong to the 학년도 they were created in (March to February, Korean time), and
            // credit courses take SPEC's default subject type: this city's credit courses are 정보 and AI electives.
            migrationBuilder.Sql("""
                UPDATE courses SET school_year = CAST(EXTRACT(YEAR FROM (created_at AT TIME ZONE 'Asia/Seoul') - INTERVAL '2 months') AS integer);
                UPDATE courses SET subject_type = 'Elective' WHERE kind = 'Credit';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "school_year",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "subject_type",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "extra_learning_completed",
                table: "course_members");

            migrationBuilder.RenameColumn(
                name: "remedial_hours_run",
                table: "course_members",
                newName: "remedial_hours_required");
        }
    }
}
