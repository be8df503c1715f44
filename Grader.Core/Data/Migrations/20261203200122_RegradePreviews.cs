using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegradePreviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "regrade_previews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_suite_id = table.Column<Guid>(type: "uuid", nullable: false),
                    suite_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regrade_previews", x => x.id);
                    table.ForeignKey(
                        name: "fk_regrade_previews_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_regrade_previews_suites_from_suite_id",
                        column: x => x.from_suite_id,
                        principalTable: "suites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_regrade_previews_suites_suite_id",
                        column: x => x.suite_id,
                        principalTable: "suites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_regrade_previews_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "regrade_preview_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    preview_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<decimal>(type: "numeric", nullable: true),
                    verdict = table.Column<string>(type: "text", nullable: true),
                    graded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regrade_preview_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_regrade_preview_runs_regrade_previews_preview_id",
                        column: x => x.preview_id,
                        principalTable: "regrade_previews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_regrade_preview_runs_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_regrade_preview_runs_preview_id_submission_id",
                table: "regrade_preview_runs",
                columns: new[] { "preview_id", "submission_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_regrade_preview_runs_submission_id",
                table: "regrade_preview_runs",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "ix_regrade_previews_assignment_id",
                table: "regrade_previews",
                column: "assignment_id");

            migrationBuilder.CreateIndex(
                name: "ix_regrade_previews_created_by_id",
                table: "regrade_previews",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_regrade_previews_from_suite_id",
                table: "regrade_previews",
                column: "from_suite_id");

            migrationBuilder.CreateIndex(
                name: "ix_regrade_previews_suite_id",
                table: "regrade_previews",
                column: "suite_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "regrade_preview_runs");

            migrationBuilder.DropTable(
                name: "regrade_previews");
        }
    }
}
