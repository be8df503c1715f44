using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AssignmentArea : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "area",
                table: "assignments",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "area",
                table: "assignments");
        }
    }
}
