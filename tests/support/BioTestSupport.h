// What the sequence-core suites (tests/tst_bio_*.cpp) share: paths into the shared test data,
// small file helpers, just enough GenBank and FASTA to set up a comparison without going through
// the readers under test, and running the Biopython oracles and EMBOSS programs they compare
// against. Runners return an error string (empty on success) rather than failing the test
// themselves: QVERIFY in a helper only returns from the helper, so the test function checks it.
#pragma once

#if !defined(BENCHTOP_TEST_DATA) || !defined(BENCHTOP_ORACLES)
#error "BioTestSupport.h needs BENCHTOP_TEST_DATA and BENCHTOP_ORACLES (tests/CMakeLists.txt)"
#endif

#include "bio/RestrictionScanner.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace benchtop::test {

// One limit for every external run: the slowest oracle (EMBOSS restrict on phage lambda) takes
// about 2 s, and a hung one must fail well within ctest's 120 s for the whole suite.
inline constexpr int kProcessTimeoutMs = 60000;

inline QString testData(QStringView relativePath)
{
    return QString(QStringLiteral(BENCHTOP_TEST_DATA "/") + relativePath);
}

inline QString oracleScript(QStringView name)
{
    return QString(QStringLiteral(BENCHTOP_ORACLES "/") + name);
}

// The REBASE file that both EMBOSS restrict and our built-in catalogue are made from, so the
// oracle and the code under test read the same enzymes.
inline QString rebaseEmbossFile()
{
    return testData(u"../../resources/bio/rebase/emboss_e.201");
}

// The caller's own checks decide what an unreadable file means (a missing output, say).
inline QByteArray readFileOrEmpty(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// For fixtures that every later check depends on, some read where no test function runs (static
// tables): there is no test to fail, and nothing to compare against, so the suite stops.
inline QByteArray readFileOrAbort(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// False on a short write too, which would hand an oracle half its input.
[[nodiscard]] inline bool writeFile(const QString &path, QByteArrayView data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data.data(), data.size()) == data.size();
}

// For QVERIFY2 on a reader's result, which builds its message even when the check passes.
template<typename Result> QByteArray errorOf(const Result &result)
{
    return result.error ? result.error->toString().toUtf8() : QByteArray();
}

// Every GenBank file in the shared data that Biopython parses, with lambda and the chloroplast
// (no_origin_no_end.gb is truncated: both readers reject it, and the suites test that apart).
inline QStringList genbankTestFiles()
{
    return {QStringLiteral("plasmids/AAV_pGS-ssAAV-ITR128-Amp-empty.gb"),
            QStringLiteral("plasmids/lentiviral_pPRIME_addgene11664.gbk"),
            QStringLiteral("plasmids/pBAD30.gb"),
            QStringLiteral("plasmids/pBR322_J01749.gb"),
            QStringLiteral("plasmids/pEGFP-N1_U55762.gb"),
            QStringLiteral("plasmids/pFA6a-kanMX6_addgene39296.gbk"),
            QStringLiteral("plasmids/pGEX-3X_U13852.gb"),
            QStringLiteral("plasmids/pUC19_M77789.gb"),
            QStringLiteral("plasmids/pUC19_snapgene.gb"),
            QStringLiteral("tricky/1MRR_A.gp"),
            QStringLiteral("tricky/ApE_example.gb"),
            QStringLiteral("tricky/NC_005816.gb"),
            QStringLiteral("tricky/VectorNTI_example.gb"),
            QStringLiteral("tricky/arab1.gb"),
            QStringLiteral("tricky/bad_origin_wrap.gb"),
            QStringLiteral("tricky/cor6_6.gb"),
            QStringLiteral("tricky/gbvrl1_start.seq"),
            QStringLiteral("tricky/multi-seq-genbank.gb"),
            QStringLiteral("tricky/plasmid_origin_spanning.gb"),
            QStringLiteral("tricky/proteinTestSeq1.gp"),
            QStringLiteral("tricky/protein_refseq.gb"),
            QStringLiteral("tricky/test_circularity_not_defined.gb"),
            QStringLiteral("genomes/Arabidopsis_chloroplast_NC_000932.gb"),
            QStringLiteral("genomes/lambda_NC_001416.gb")};
}

// The upper-case bases of the first ORIGIN block, read without the GenBank reader (which has
// its own suites); empty when there is none, so a file without a sequence cannot pass for one.
inline QByteArray genbankOriginBases(const QByteArray &text)
{
    const qsizetype origin = text.indexOf("\nORIGIN");
    if (origin < 0)
        return {};
    QByteArray bases;
    for (qsizetype i = text.indexOf('\n', origin + 1); i >= 0 && i < text.size(); ++i) {
        const char c = text[i];
        if (c == '/')
            break;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            bases.append(c);
    }
    return bases.toUpper();
}

inline QByteArray genbankFileBases(const QString &path)
{
    return genbankOriginBases(readFileOrAbort(path));
}

// Enough FASTA for the oracles' inputs and outputs, independent of the FASTA reader under test:
// the first word of each header, and the sequence lines joined.
struct FastaEntry
{
    QByteArray id;
    QByteArray bases;
};

inline QList<FastaEntry> fastaEntries(const QByteArray &text)
{
    QList<FastaEntry> entries;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith('>'))
            entries.append({line.mid(1).split(' ').value(0), {}});
        else if (!entries.isEmpty())
            entries.last().bases += line.trimmed();
    }
    return entries;
}

inline QList<QByteArray> fastaSequences(const QByteArray &text)
{
    QList<QByteArray> sequences;
    for (const FastaEntry &entry : fastaEntries(text))
        sequences.append(entry.bases);
    return sequences;
}

// All records' bases run together (the callers' files hold one record); empty if unreadable.
inline QByteArray fastaFileBases(const QString &path)
{
    QByteArray bases;
    for (const FastaEntry &entry : fastaEntries(readFileOrEmpty(path)))
        bases += entry.bases;
    return bases;
}

inline QByteArray randomSequence(QRandomGenerator &random, qsizetype length,
                                 QByteArrayView alphabet)
{
    QByteArray bases(length, Qt::Uninitialized);
    for (char &base : bases)
        base = alphabet[random.bounded(int(alphabet.size()))];
    return bases;
}

namespace detail {

// Runs program to its end with its standard output in *output. The error names the Debian
// package to install, as a missing oracle must fail the test rather than skip it.
inline QString runProcess(const QString &program, const QStringList &arguments, QByteArray *output,
                          QStringView package)
{
    using namespace Qt::StringLiterals;
    const QString hint = QString(u" (Debian package "_s + package + u')');
    if (!QFileInfo::exists(program))
        return QString(program + u" is missing: install the Debian package "_s + package);
    const QString command = QString(program + u' ' + arguments.join(u' '));
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted())
        return QString(u"cannot start "_s + command + hint + u": "_s + process.errorString());
    if (!process.waitForFinished(kProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return QString(command + u" did not finish within "_s +
                       QString::number(kProcessTimeoutMs / 1000) + u" s"_s + hint);
    }
    const QString errors = QString::fromLocal8Bit(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit)
        return QString(command + u" crashed"_s + hint + u": "_s + errors);
    if (process.exitCode() != 0)
        return QString(command + u" exited with code "_s + QString::number(process.exitCode()) +
                       hint + u": "_s + errors);
    *output = process.readAllStandardOutput();
    return {};
}

} // namespace detail

// Runs tests/oracles/<script> with Debian's Python and parses what it prints as JSON into *out.
inline QString runPythonOracle(QStringView script, const QStringList &arguments, QJsonDocument *out)
{
    using namespace Qt::StringLiterals;
    QByteArray output;
    const QString error =
        detail::runProcess(u"/usr/bin/python3"_s, QStringList{oracleScript(script)} + arguments,
                           &output, u"python3-biopython");
    if (!error.isEmpty())
        return error;
    QJsonParseError parse;
    *out = QJsonDocument::fromJson(output, &parse);
    if (parse.error != QJsonParseError::NoError)
        return QString(script + u" printed no JSON: "_s + parse.errorString() + u" at byte "_s +
                       QString::number(parse.offset));
    return {};
}

// Runs an EMBOSS program from /usr/bin, where Debian's emboss package puts them. -auto is
// always added: without it a program that lacks a value prompts for it and waits.
inline QString runTool(QStringView program, const QStringList &arguments, QByteArray *output)
{
    using namespace Qt::StringLiterals;
    return detail::runProcess(QString(u"/usr/bin/"_s + program),
                              arguments + QStringList{u"-auto"_s}, output, u"emboss");
}

// Our sites as Biopython's Analysis.full() reports them, so that the two can be compared
// directly: per enzyme (names with '-' spelled '_'), the sorted 1-based first base after each
// top-strand cut, or where each site starts when the cuts are unknown. `map` must come from a
// circular scan (with ScanOptions::all()); for a linear molecule the sites that run over the
// origin are dropped here. Two of Biopython's rules differ from ours and are applied:
// 1. It finds sites with one regular expression per enzyme, the forward reading first and the
//    reverse one after a '|', so at a position where both readings match it reports only the
//    forward one. We report both when they cut differently: LpnPI's CCDG and CHGG both match
//    CCGG, and palindromic sites whose cuts are not (HauII, SgeI) cut on either side.
// 2. On a linear molecule it keeps a top-strand cut as long as that cut is inside, even if the
//    bottom-strand cut of the same pair falls off the end (AbaSI, BmeDI near the start). We (and
//    EMBOSS) make no cut there, as there is no double-strand break.
// Biopython's HpyUM037X lists both of REBASE's sites, TNGGNAG|GTGGNAG, but its search expression
// has only the first, so the second is left out.
inline QHash<QString, QList<qint64>> biopythonStyleCuts(const bio::RestrictionMap &map, qint64 n,
                                                        bool circular)
{
    struct Hit
    {
        qint64 start;
        bio::Strand strand;
        qsizetype enzyme;
    };
    QHash<QString, QList<Hit>> byName; // HpyUM037X has two entries (two sites) in emboss_e
    for (qsizetype e = 0; e < map.enzymes.size(); ++e) {
        if (map.enzymes[e].name == QStringLiteral("HpyUM037X") && map.enzymes[e].site == "GTGGNAG")
            continue;
        QList<Hit> &hits = byName[QString(map.enzymes[e].name).replace(u'-', u'_')];
        for (const bio::RestrictionSite &site : map.sitesOf(e))
            if (circular || site.start + map.enzymes[e].site.size() <= n)
                hits.append({site.start, site.strand, e});
    }
    QHash<QString, QList<qint64>> cuts;
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        QList<Hit> hits = it.value();
        std::stable_sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
            return a.start != b.start
                       ? a.start < b.start
                       : a.strand == bio::Strand::Forward && b.strand == bio::Strand::Reverse;
        });
        QList<qint64> &positions = cuts[it.key()];
        for (qsizetype i = 0; i < hits.size(); ++i) {
            if (i > 0 && hits[i].start == hits[i - 1].start)
                continue; // rule 1
            const bio::RestrictionEnzyme &enzyme = map.enzymes[hits[i].enzyme];
            if (!enzyme.cutsKnown()) {
                positions.append(hits[i].start + 1);
                continue;
            }
            const qint64 length = enzyme.site.size();
            for (int w = 0; w < enzyme.cutCount; ++w) {
                const qint64 top = hits[i].strand == bio::Strand::Forward
                                       ? hits[i].start + enzyme.cuts[w].top
                                       : hits[i].start + length - enzyme.cuts[w].bottom;
                if (circular)
                    positions.append((top % n + n) % n + 1);
                else if (top >= 1 && top < n) // rule 2
                    positions.append(top + 1);
            }
        }
        std::sort(positions.begin(), positions.end());
    }
    return cuts;
}

} // namespace benchtop::test
