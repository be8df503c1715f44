using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubmissionFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "figure_count",
                table: "submission_test_results",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "submission_figures",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    test_index = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    png = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_submission_figures", x => new { x.submission_id, x.test_index, x.number });
                    table.ForeignKey(
                        name: "fk_submission_figures_submission_test_results_submission_id_te",
                        columns: x => new { x.submission_id, x.test_index },
                        principalTable: "submission_test_results",
                        principalColumns: new[] { "submission_id", "index" },
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "submission_figures");

            migrationBuilder.DropColumn(
                name: "figure_count",
                table: "submission_test_results");
        }
    }
}
