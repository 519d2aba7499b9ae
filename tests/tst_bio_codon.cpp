// Codon usage tables, back-translation, CAI and codon optimisation, against EMBOSS (Debian
// package emboss) backtranseq, backtranambig and cai.
#include "bio/CodonUsage.h"
#include "bio/SequenceSearch.h"
#include "bio/Translation.h"

#include "BioTestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

// The embedded table written out for EMBOSS's -cfile, so both read the same data.
QString writeTable(QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name + u".cut"_s);
    return writeFile(path, readFileOrEmpty(u":/bio/codon/"_s + name + u".cut"_s)) ? path
                                                                                  : QString();
}

// Proteins to back-translate: Yersinia plasmid proteins, a plant protein, and the codes
// that are not residues. EMBOSS backtranseq drops J, O and U (it has no codon for them), so
// they are only in the ambiguous set.
QString writeProteins(QTemporaryDir &dir, bool withRareCodes)
{
    QByteArray fasta = readFileOrEmpty(testData(u"fasta/NC_005816.faa")) +
                       readFileOrEmpty(testData(u"fasta/loveliesbleeding.pro"));
    fasta += ">codes\nMSIQHFRVALXBZ*-ACmsk\n";
    if (withRareCodes)
        fasta += ">rare\nMJOUWX-*\n";
    const QString path = dir.filePath(withRareCodes ? u"rare.fa"_s : u"proteins.fa"_s);
    return writeFile(path, fasta) ? path : QString();
}

} // namespace

class TestCodon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void embeddedTables()
    {
        QCOMPARE(CodonUsageTable::embeddedNames(),
                 (QStringList{u"Eecoli"_s, u"Eecoli_high"_s, u"Ehuman"_s, u"Eyeast"_s}));
        for (const QString &name : CodonUsageTable::embeddedNames())
            QVERIFY2(CodonUsageTable::embedded(name), qPrintable(name));
        QVERIFY(!CodonUsageTable::embedded(u"Emouse"_s));
        const auto ecoli = *CodonUsageTable::embedded(u"Eecoli"_s);
        QCOMPARE(ecoli.species(), u"Escherichia coli K12"_s);
        QCOMPARE(ecoli.division(), u"gbbct"_s);
        QCOMPARE(ecoli.release(), u"CUTG146"_s);
        QCOMPARE(ecoli.cdsCount(), 5045);
        const auto ctg = ecoli.entry("CTG");
        QCOMPARE(ctg.aminoAcid, 'L');
        QCOMPARE(ctg.fraction, 0.496);
        QCOMPARE(ctg.perThousand, 52.821);
        QCOMPARE(ctg.count, 84455);
        QCOMPARE(ecoli.entry("cug").count, 84455);
        QCOMPARE(ecoli.entry("NTG").count, 0);
        QCOMPARE(ecoli.rankedCodons('L'),
                 (QList<QByteArray>{"CTG", "TTA", "TTG", "CTC", "CTT", "CTA"}));
        QCOMPARE(ecoli.rankedCodons('*'), (QList<QByteArray>{"TAA", "TGA", "TAG"}));
        // Human R: AGG and CGG tie at 0.207 (CGG has the larger count); the ACGT order puts
        // AGG first, as backtranseq does.
        QCOMPARE(CodonUsageTable::embedded(u"Ehuman"_s)->rankedCodons('R').mid(0, 2),
                 (QList<QByteArray>{"AGG", "CGG"}));
    }

    void backTranslationMatchesBacktranseq_data()
    {
        QTest::addColumn<QString>("table");
        for (const QString &name : CodonUsageTable::embeddedNames())
            QTest::newRow(qPrintable(name)) << name;
    }
    void backTranslationMatchesBacktranseq()
    {
        QFETCH(QString, table);
        QTemporaryDir dir;
        const QString proteins = writeProteins(dir, false);
        QByteArray output;
        const QString error = runTool(u"backtranseq",
                                      {u"-sequence"_s, proteins, u"-cfile"_s,
                                       writeTable(dir, table), u"-outfile"_s, u"stdout"_s},
                                      &output);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<QByteArray> expected = fastaSequences(output);
        const QList<QByteArray> input = fastaSequences(readFileOrEmpty(proteins));
        QCOMPARE(expected.size(), input.size());
        const auto usage = *CodonUsageTable::embedded(table);
        for (qsizetype i = 0; i < input.size(); ++i)
            QCOMPARE(usage.backTranslate(input[i]), expected[i]);
    }

    void ambiguousBackTranslationMatchesBacktranambig_data()
    {
        QTest::addColumn<int>("code");
        for (const int code : {1, 2, 4, 6, 11, 22})
            QTest::addRow("code %d", code) << code;
    }
    void ambiguousBackTranslationMatchesBacktranambig()
    {
        QFETCH(int, code);
        QTemporaryDir dir;
        const QString proteins = writeProteins(dir, true);
        QByteArray output;
        const QString error = runTool(u"backtranambig",
                                      {u"-sequence"_s, proteins, u"-table"_s, QString::number(code),
                                       u"-outfile"_s, u"stdout"_s},
                                      &output);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<QByteArray> expected = fastaSequences(output);
        const QList<QByteArray> input = fastaSequences(readFileOrEmpty(proteins));
        QCOMPARE(expected.size(), input.size());
        for (qsizetype i = 0; i < input.size(); ++i)
            QCOMPARE(backTranslateAmbiguous(input[i], *GeneticCode::byId(code)), expected[i]);
        QCOMPARE(backTranslateAmbiguous("LSR*"), QByteArray("YTNWSNMGNTRR"));
    }

    void caiMatchesEmboss_data()
    {
        QTest::addColumn<QString>("table");
        for (const QString &name : CodonUsageTable::embeddedNames())
            QTest::newRow(qPrintable(name)) << name;
    }
    void caiMatchesEmboss()
    {
        QFETCH(QString, table);
        // The Yersinia plasmid's CDSs, and one with ambiguous and lower-case bases.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cds.fa"_s);
        QVERIFY(writeFile(path, QByteArray(readFileOrEmpty(testData(u"fasta/NC_005816.ffn")) +
                                           ">odd\nATGNNNCGRTTAAGCGGTTGA\n")));
        QByteArray output;
        const QString error = runTool(
            u"cai",
            {u"-seqall"_s, path, u"-cfile"_s, writeTable(dir, table), u"-outfile"_s, u"stdout"_s},
            &output);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        static const QRegularExpression line(u"^Sequence: (\\S+) CAI: ([0-9.]+)$"_s,
                                             QRegularExpression::MultilineOption);
        QList<double> expected;
        for (auto it = line.globalMatch(QString::fromLatin1(output)); it.hasNext();)
            expected.append(it.next().captured(2).toDouble());
        const QList<QByteArray> cdss = fastaSequences(readFileOrEmpty(path));
        QCOMPARE(expected.size(), cdss.size());
        const auto usage = *CodonUsageTable::embedded(table);
        for (qsizetype i = 0; i < cdss.size(); ++i) {
            const double ours = usage.codonAdaptationIndex(cdss[i]);
            // cai prints three decimals.
            QVERIFY2(std::abs(ours - expected[i]) <= 0.0005 + 1e-12,
                     qPrintable(u"CDS %1: %2 vs %3"_s.arg(i).arg(ours).arg(expected[i])));
        }
    }

    void caiSharpLiByHand()
    {
        const auto ecoli = *CodonUsageTable::embedded(u"Eecoli"_s);
        // CTG is E. coli's top Leu codon (w 1); CTA has 6172 of CTG's 84455; ATG, TGG and the
        // stop are left out.
        const double w = 6172.0 / 84455.0;
        QCOMPARE(ecoli.codonAdaptationIndex("ATGCTGCTATGGTAA", CodonUsageTable::CaiMethod::SharpLi),
                 std::sqrt(w));
        QCOMPARE(ecoli.codonAdaptationIndex("CTGCTG", CodonUsageTable::CaiMethod::SharpLi), 1.0);
        QCOMPARE(ecoli.codonAdaptationIndex("ATGTAA", CodonUsageTable::CaiMethod::SharpLi), 0.0);
        // EMBOSS counts ATG, TGG and the stop (w 1 each).
        QCOMPARE(ecoli.codonAdaptationIndex("ATGCTGCTATGGTAA"), std::pow(3.860 / 52.821, 1 / 5.0));
        QCOMPARE(ecoli.codonAdaptationIndex(""), 0.0);
    }

    void optimizationKeepsTheProtein()
    {
        const auto ecoli = *CodonUsageTable::embedded(u"Eecoli"_s);
        const QList<QByteArray> cdss =
            fastaSequences(readFileOrEmpty(testData(u"fasta/NC_005816.ffn")));
        QCOMPARE(cdss.size(), 10);
        for (const QByteArray &cds : cdss) {
            const auto result = optimizeCodons(cds, ecoli);
            QVERIFY(result.error.isEmpty());
            QVERIFY(result.unresolved.isEmpty());
            QCOMPARE(result.sequence.size(), cds.size());
            QCOMPARE(translate(result.sequence), translate(cds));
            QCOMPARE(result.sequence.left(3), cds.left(3)); // the start codon stays
            // Every codon is now E. coli's favourite: CAI 1 by Sharp & Li.
            QCOMPARE(ecoli.codonAdaptationIndex(result.sequence.mid(3),
                                                CodonUsageTable::CaiMethod::SharpLi),
                     1.0);
            QVERIFY(ecoli.codonAdaptationIndex(result.sequence) > ecoli.codonAdaptationIndex(cds));
            // Optimising the back-translation gives the same bases.
            const QByteArray protein = translate(cds.mid(3));
            QCOMPARE(optimizeCodons(ecoli.backTranslate(protein), ecoli).sequence,
                     result.sequence.mid(3));
        }
        // Other codes: in code 2 AGA is a stop, so it stays a stop (TAA for E. coli).
        CodonOptimizationOptions mito;
        mito.code = GeneticCode::byId(2);
        const auto result = optimizeCodons("ATGTGAATAAGA", ecoli, mito);
        QCOMPARE(translate(result.sequence, {mito.code}), QByteArray("MWM*"));
        QCOMPARE(result.sequence.right(3), QByteArray("TAA"));
    }

    void optimizationAvoidsSites()
    {
        const auto ecoli = *CodonUsageTable::embedded(u"Eecoli"_s);
        const QList<QByteArray> sites = {"GAATTC", "GGATCC", "GGTCTC", "CTGCAG", "CCGCGG"};
        const QList<QByteArray> cdss =
            fastaSequences(readFileOrEmpty(testData(u"fasta/NC_005816.ffn")));
        CodonOptimizationOptions options;
        options.veto = avoidSites(sites);
        int sitesWithoutVeto = 0;
        for (const QByteArray &cds : cdss) {
            const auto plain = optimizeCodons(cds, ecoli);
            for (const QByteArray &site : sites)
                sitesWithoutVeto += findNucleotides(plain.sequence, site).size();
            const auto result = optimizeCodons(cds, ecoli, options);
            QVERIFY(result.unresolved.isEmpty());
            QCOMPARE(translate(result.sequence), translate(cds));
            for (const QByteArray &site : sites)
                QVERIFY2(findNucleotides(result.sequence, site).isEmpty(), site.constData());
        }
        QVERIFY(sitesWithoutVeto > 0); // the veto had work to do
    }

    void optimizationBacktracks()
    {
        const auto ecoli = *CodonUsageTable::embedded(u"Eecoli"_s);
        CodonOptimizationOptions options;
        // W has only TGG: to avoid AAATGG the K before it must become AAG.
        options.veto = avoidSites({"AAATGG"});
        auto result = optimizeCodons("AAGTGGAAATGG", ecoli, options);
        QCOMPARE(result.sequence, QByteArray("AAGTGGAAGTGG"));
        QVERIFY(result.unresolved.isEmpty());
        options.maxBacktrack = 0;
        result = optimizeCodons("AAGTGGAAATGG", ecoli, options);
        QCOMPARE(result.unresolved, (QList<qint64>{1, 3}));
        QCOMPARE(result.sequence, QByteArray("AAATGGAAATGG"));
        // Impossible: TGG itself. The codon is kept and reported.
        options.maxBacktrack = 4;
        options.veto = avoidSites({"TGG"});
        result = optimizeCodons("AAAAAATGGAAA", ecoli, options);
        QCOMPARE(result.unresolved, (QList<qint64>{2}));
        QCOMPARE(result.sequence, QByteArray("AAAAAATGGAAA"));
        // A veto that refuses everything still ends, with every codon reported.
        options.veto = [](QByteArrayView) {
            return true;
        };
        result = optimizeCodons(QByteArray(300, 'A'), ecoli, options);
        QCOMPARE(result.unresolved.size(), 100);
        QCOMPARE(result.sequence, QByteArray(300, 'A'));
    }

    void optimizationEdgeCases()
    {
        const auto ecoli = *CodonUsageTable::embedded(u"Eecoli"_s);
        auto result = optimizeCodons("ATGAA", ecoli);
        QVERIFY(result.sequence.isEmpty());
        QVERIFY(result.error.contains(u"5 bases"_s));
        // A TTG start stays TTG; inside, TTG (L) becomes CTG. Ambiguous codons stay.
        result = optimizeCodons("TTGTTGNNNTAG", ecoli);
        QCOMPARE(result.sequence, QByteArray("TTGCTGNNNTAA"));
        CodonOptimizationOptions options;
        options.keepStartCodon = false;
        QCOMPARE(optimizeCodons("TTGTTG", ecoli, options).sequence, QByteArray("CTGCTG"));
        QCOMPARE(optimizeCodons("augcuu", ecoli).sequence, QByteArray("ATGCTG"));
        QCOMPARE(optimizeCodons("", ecoli).sequence, QByteArray());
    }

    void malformedTablesNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("message");
        const QByteArray good = readFileOrEmpty(u":/bio/codon/Eecoli.cut"_s);
        QVERIFY(!good.isEmpty());
        const auto withLine = [&](int line, const QByteArray &replacement) {
            QList<QByteArray> lines = good.split('\n');
            lines[line - 1] = replacement;
            return lines.join('\n');
        };
        // Line 12 is "GCA    A     0.214    20.299  32456".
        QTest::newRow("fields") << withLine(12, "GCA A 0.214 20.299") << qint64(12)
                                << u"found 4 fields"_s;
        QTest::newRow("codon") << withLine(12, "GXA A 0.214 20.299 32456") << qint64(12)
                               << u"'GXA' is not a codon"_s;
        QTest::newRow("duplicate") << withLine(13, "GCA A 0.214 20.299 32456") << qint64(13)
                                   << u"codon GCA appears twice"_s;
        QTest::newRow("fraction") << withLine(12, "GCA A 1.214 20.299 32456") << qint64(12)
                                  << u"fraction '1.214'"_s;
        QTest::newRow("frequency")
            << withLine(12, "GCA A 0.214 abc 32456") << qint64(12) << u"frequency 'abc'"_s;
        QTest::newRow("count") << withLine(12, "GCA A 0.214 20.299 3.5") << qint64(12)
                               << u"number '3.5' is not a count"_s;
        QTest::newRow("amino acid") << withLine(12, "GCA AL 0.214 20.299 32456") << qint64(12)
                                    << u"'AL' is not an amino acid"_s;
        QTest::newRow("missing codon")
            << withLine(12, "# no GCA") << qint64(0) << u"codon GCA is missing"_s;
        QTest::newRow("empty") << QByteArray() << qint64(0) << u"codon TTT is missing"_s;
    }
    void malformedTablesNameTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, line);
        QFETCH(QString, message);
        const auto result = CodonUsageTable::parse(text);
        QVERIFY(!result.table);
        QVERIFY(result.error);
        QVERIFY2(result.error->message.contains(message), qPrintable(result.error->message));
        QCOMPARE(result.error->line, line);
    }
};

QTEST_GUILESS_MAIN(TestCodon)
#include "tst_bio_codon.moc"
