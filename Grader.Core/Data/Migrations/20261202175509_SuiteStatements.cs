using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SuiteStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "statement_html",
                table: "suites",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "content_type",
                table: "suite_files",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "statement_html",
                table: "suites");

            migrationBuilder.DropColumn(
                name: "content_type",
                table: "suite_files");
        }
    }
}
