// benchtop-cli: the sequence core on the command line, without a GUI.
//   benchtop-cli convert IN OUT [--from FORMAT] [--to FORMAT]
// Exit status: 0 on success, 1 when the conversion fails, 2 on a usage error; errors go to
// stderr.
#include "bio/Convert.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace benchtop::bio;

namespace {

enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2 };

void printError(const QString &message)
{
    std::fprintf(stderr, "benchtop-cli: %s\n", qPrintable(message));
}

int usageError(const QCommandLineParser &parser, const QString &message)
{
    printError(message);
    std::fprintf(stderr, "%s", qPrintable(parser.helpText()));
    return kUsage;
}

std::optional<Format> parseFormat(const QCommandLineParser &parser, const QString &option,
                                  QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    const QString value = parser.value(option);
    const std::optional<Format> format = formatFromName(value);
    if (!format)
        *error = u"unknown format '%1' for --%2 (use genbank, fasta, embl, snapgene or json)"_s.arg(
            value, option);
    return format;
}

int convert(QCommandLineParser &parser, const QStringList &arguments)
{
    parser.clearPositionalArguments();
    parser.setApplicationDescription(
        u"Converts a sequence file. Reads GenBank, FASTA, EMBL, SnapGene (.dna) and Benchling "
        u"API JSON (optionally gzip-compressed); writes GenBank, FASTA and API JSON. Formats are "
        u"taken from the file names unless given."_s);
    parser.addPositionalArgument(u"convert"_s, u"The command."_s, u"convert"_s);
    parser.addPositionalArgument(u"IN"_s, u"The file to read."_s);
    parser.addPositionalArgument(u"OUT"_s, u"The file to write (replaced only on success)."_s);
    parser.addOption(
        {u"from"_s, u"Format of IN: genbank, fasta, embl, snapgene or json."_s, u"format"_s});
    parser.addOption({u"to"_s, u"Format of OUT: genbank, fasta or json."_s, u"format"_s});
    if (!parser.parse(arguments))
        return usageError(parser, parser.errorText());
    if (parser.isSet(u"help"_s) || parser.isSet(u"help-all"_s))
        parser.showHelp(kOk);
    if (parser.isSet(u"version"_s))
        parser.showVersion();

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 3)
        return usageError(parser, u"convert needs IN and OUT"_s);
    QString error;
    const std::optional<Format> from = parseFormat(parser, u"from"_s, &error);
    const std::optional<Format> to = parseFormat(parser, u"to"_s, &error);
    if (!error.isEmpty())
        return usageError(parser, error);
    if (const auto failure = convertFile(positional.at(1), positional.at(2), from, to)) {
        printError(*failure);
        return kFailed;
    }
    return kOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"benchtop-cli"_s);
#ifdef BENCHTOP_VERSION
    QCoreApplication::setApplicationVersion(QStringLiteral(BENCHTOP_VERSION));
#endif

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchtop's sequence tools on the command line.\n\n"
        u"Commands:\n"
        u"  convert IN OUT [--from FORMAT] [--to FORMAT]  Convert a sequence file (see "
        u"'benchtop-cli convert --help')."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"The command to run: convert."_s,
                                 u"<command> [options]"_s);
    // Options belong to the subcommands; parse() only finds the command here.
    parser.parse(QCoreApplication::arguments());

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (command == u"convert")
        return convert(parser, QCoreApplication::arguments());
    if (command.isEmpty())
        parser.process(QCoreApplication::arguments()); // --help / --version, or exits on errors
    return usageError(parser, command.isEmpty() ? u"no command given"_s
                                                : u"unknown command '%1'"_s.arg(command));
}
