using System.Text.Json.Nodes;
using FraudLab.Notebooks.Ipynb;

namespace FraudLab.Notebooks.Tests.Ipynb;

public sealed class NotebookDocumentTests
{
    private static readonly string PolyglotFixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "polyglot-with-outputs.ipynb");

    [Fact]
    public void A_notebook_saved_by_vs_code_round_trips_byte_for_byte()
    {
        var original = File.ReadAllText(PolyglotFixture);

        var written = NotebookDocument.Parse(original, PolyglotFixture).ToJson();

        Assert.Equal(original, written);
    }

    [Fact]
    public void Polyglot_metadata_and_existing_outputs_are_read()
    {
        var document = NotebookDocument.Load(PolyglotFixture);

        Assert.Equal("csharp", document.DefaultKernelName);
        Assert.Equal("markdown", document.Cells[3].KernelName);
        Assert.Equal("csharp", document.Cells[1].KernelName);
        Assert.Equal("var greeting = \"héllo\";\nConsole.WriteLine(greeting);", document.Cells[1].Source);
        Assert.Equal(new StreamOutput("stdout", "stale output from another machine\n"), Assert.Single(document.Cells[1].Outputs));
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(document.Cells[2].Outputs));
        Assert.Equal(8, result.ExecutionCount);
        Assert.Equal("STALE", result.Data.Text(MimeBundle.PlainText));
    }

    [Fact]
    public void Saving_sorts_keys_uses_one_space_indent_and_splits_text_into_lines()
    {
        var document = new NotebookDocument { NbFormatMinor = 4, Metadata = new JsonObject { ["z"] = 1, ["a"] = new JsonObject { ["y"] = true, ["b"] = "ü<" } } };
        var cell = new NotebookCell(NotebookCell.Code, "x\ny") { ExecutionCount = 1 };
        cell.Outputs.Add(new StreamOutput("stdout", "one\ntwo\n"));
        document.Cells.Add(cell);

        var json = document.ToJson();

        Assert.Equal("""
            {
             "cells": [
              {
               "cell_type": "code",
               "execution_count": 1,
               "metadata": {},
               "outputs": [
                {
                 "name": "stdout",
                 "output_type": "stream",
                 "text": [
                  "one\n",
                  "two\n"
                 ]
                }
               ],
               "source": [
                "x\n",
                "y"
               ]
              }
             ],
             "metadata": {
              "a": {
               "b": "ü<",
               "y": true
              },
              "z": 1
             },
             "nbformat": 4,
             "nbformat_minor": 4
            }

            """, json);
    }

    [Fact]
    public void Json_mime_types_stay_json_and_text_mime_types_are_joined()
    {
        var json = """
            {"cells":[{"cell_type":"code","execution_count":1,"metadata":{},"source":"1","outputs":[
              {"output_type":"display_data","metadata":{},"data":{"application/json":{"a":[1,2]},"text/plain":["a\n","b"]}}]}],
             "metadata":{},"nbformat":4,"nbformat_minor":4}
            """;

        var display = Assert.IsType<DisplayDataOutput>(NotebookDocument.Parse(json).Cells[0].Outputs[0]);

        Assert.Equal("a\nb", display.Data.Text(MimeBundle.PlainText));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":[1,2]}"""), display.Data["application/json"]));
        Assert.Contains("\"application/json\": {", NotebookDocument.Parse(json).ToJson());
    }

    [Fact]
    public void Cells_of_an_nbformat_4_5_notebook_without_ids_get_one()
    {
        var document = NotebookDocument.Parse("""{"cells":[{"cell_type":"markdown","metadata":{},"source":"# t"}],"metadata":{},"nbformat":4,"nbformat_minor":5}""");

        Assert.Matches("^[a-f0-9]{8}$", document.Cells[0].Id);
        Assert.Contains("\"id\": ", document.ToJson());
    }

    [Theory]
    [InlineData("[1]", "nb.ipynb: not a notebook (the top level is not a JSON object)")]
    [InlineData("""{"nbformat":3,"nbformat_minor":0,"cells":[]}""", "nb.ipynb: nbformat 3 is not supported (only nbformat 4)")]
    [InlineData("""{"nbformat":4,"nbformat_minor":4,"metadata":{}}""", "nb.ipynb: not a notebook ('cells' is missing or not a list)")]
    [InlineData("""{"nbformat":4,"nbformat_minor":4,"cells":[{"cell_type":"code","metadata":{},"source":7}]}""", "nb.ipynb: $.cells[0].source must be a string or a list of strings")]
    [InlineData("""{"nbformat":4,"nbformat_minor":4,"cells":[{"cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"widget"}]}]}""", "nb.ipynb: $.cells[0].outputs[0].output_type unknown output type 'widget'")]
    public void Bad_content_is_an_error_naming_the_file_and_the_place(string json, string message)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse(json, "nb.ipynb"));

        Assert.Equal(message, error.Message);
    }
}
