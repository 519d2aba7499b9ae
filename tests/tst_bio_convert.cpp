#include "bio/ApiJson.h"
#include "bio/Convert.h"
#include "bio/Fasta.h"
#include "bio/GenBank.h"
#include "bio/SnapGene.h"

#include "BioTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

// The conversion's error, empty on success (so that a failing QCOMPARE shows it).
QString convert(const QString &in, const QString &out, std::optional<Format> from = std::nullopt,
                std::optional<Format> to = std::nullopt)
{
    return convertFile(in, out, from, to).value_or(QString());
}

} // namespace

class TestConvert : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void formatFromFileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format"); // -1: none
        const auto add = [](const char *name, int format) {
            QTest::newRow(name) << QString::fromLatin1(name) << format;
        };
        const int gb = int(Format::GenBank), fa = int(Format::Fasta), embl = int(Format::Embl),
                  dna = int(Format::SnapGene), json = int(Format::ApiJson);
        for (const char *name :
             {"a.gb", "a.gbk", "a.genbank", "a.gbff", "a.gp", "dir.x/A.GB", "genome.gbff.gz"})
            add(name, gb);
        for (const char *name :
             {"a.fa", "a.fasta", "a.fna", "a.faa", "a.ffn", "a.fas", "a.fa.gz", "/tmp/x.FASTA.GZ"})
            add(name, fa);
        add("a.embl", embl);
        add("a.embl.gz", embl);
        add("p.dna", dna);
        add("p.json", json);
        for (const char *name : {"a.txt", "a", "a.gz", "fasta", "a.snapgene", "a.dna.zip"})
            add(name, -1);
    }
    void formatFromFileName()
    {
        QFETCH(QString, name);
        QFETCH(int, format);
        const std::optional<Format> found = benchtop::bio::formatFromFileName(name);
        QCOMPARE(found ? int(*found) : -1, format);
    }

    void formatFromName()
    {
        QCOMPARE(benchtop::bio::formatFromName(u"GenBank"_s), Format::GenBank);
        QCOMPARE(benchtop::bio::formatFromName(u"gbk"_s), Format::GenBank);
        QCOMPARE(benchtop::bio::formatFromName(u".fasta"_s), Format::Fasta);
        QCOMPARE(benchtop::bio::formatFromName(u"snapgene"_s), Format::SnapGene);
        QCOMPARE(benchtop::bio::formatFromName(u"json"_s), Format::ApiJson);
        QCOMPARE(benchtop::bio::formatFromName(u"embl"_s), Format::Embl);
        QCOMPARE(benchtop::bio::formatFromName(u"word"_s), std::nullopt);
        QVERIFY(canWrite(Format::Fasta) && canWrite(Format::GenBank) && canWrite(Format::ApiJson));
        QVERIFY(!canWrite(Format::SnapGene) && !canWrite(Format::Embl));
    }

    void gzipFastaToFasta()
    {
        const QString in = testData(u"fasta/uniprot_1mb_test.fasta.gz");
        const QString out = m_dir.filePath(u"uniprot.fa"_s);
        QCOMPARE(convert(in, out), QString());
        const FastaResult original = readFastaFile(in);
        const FastaResult written = readFastaFile(out);
        QVERIFY(written.ok());
        QCOMPARE(written.records.size(), 12205);
        QCOMPARE(written.records, original.records);
    }

    void snapGeneToJson()
    {
        const QString in = testData(u"snapgene/pDONR221.dna");
        const QString out = m_dir.filePath(u"pDONR221.json"_s);
        QCOMPARE(convert(in, out), QString());
        const QJsonObject object = QJsonDocument::fromJson(readFileOrEmpty(out)).object();
        QCOMPARE(object[u"name"_s].toString(), u"pDONR221"_s);
        QCOMPARE(object[u"isCircular"_s].toBool(), true);
        QCOMPARE(object[u"bases"_s].toString().size(), 4761);
        QCOMPARE(object[u"annotations"_s].toArray().size(), 9);
        QCOMPARE(object[u"primers"_s].toArray().size(), 2); // M13 fwd and rev, primer_bind features
        QCOMPARE(object[u"translations"_s].toArray().size(), 3); // KanR, CmR, ccdB
        const ApiJsonResult back = readApiJsonFile(out);
        QVERIFY(back.ok());
        QCOMPARE(back.records.first().sequence, readSnapGeneFile(in).record.sequence);
    }

    void snapGeneToFasta()
    {
        const QString out = m_dir.filePath(u"sample.fasta"_s);
        QCOMPARE(convert(testData(u"snapgene/sample-d.dna"), out), QString());
        const QByteArray text = readFileOrEmpty(out);
        QVERIFY(text.startsWith(">sample-d Sample Sequence D\ngcacactaagccttccatct"));
        QCOMPARE(text.count('\n'), 1 + 17); // 1000 bases, 60 a line
    }

    void fastaToJsonAndBack()
    {
        const QString json = m_dir.filePath(u"f002.json"_s);
        QCOMPARE(convert(testData(u"fasta/f002.fasta"), json), QString());
        QVERIFY(QJsonDocument::fromJson(readFileOrEmpty(json)).isArray());
        const QString fasta = m_dir.filePath(u"f002.out"_s);
        QCOMPARE(convert(json, fasta, std::nullopt, Format::Fasta), QString());
        const FastaResult back = readFastaFile(fasta);
        const FastaResult original = readFastaFile(testData(u"fasta/f002.fasta"));
        QCOMPARE(back.records.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(back.records[i].name, original.records[i].name);
            QCOMPARE(back.records[i].sequence, original.records[i].sequence);
        }
    }

    void errors_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("error");
        const QString fa = testData(u"fasta/pUC19.fa");
        const QString dna = testData(u"snapgene/sample-d.dna");
        QTest::newRow("unknown input")
            << u"x.txt"_s << u"y.fa"_s << QString()
            << u"cannot tell the format of x.txt from its name; give --from (genbank, fasta, embl, snapgene or json)"_s;
        QTest::newRow("unknown output")
            << fa << u"y.doc"_s << QString()
            << u"cannot tell the format of y.doc from its name; give --to (genbank, fasta or json)"_s;
        QTest::newRow("snapgene output")
            << fa << u"y.dna"_s << QString()
            << u"cannot write SnapGene files (write GenBank, FASTA or JSON)"_s;
        QTest::newRow("compressed output")
            << fa << u"y.fa.gz"_s << QString()
            << u"y.fa.gz: writing compressed files is not supported"_s;
        QTest::newRow("missing input")
            << u"/nonexistent/a.dna"_s << u"y.fa"_s << QString()
            << u"cannot open /nonexistent/a.dna: No such file or directory"_s;
        QTest::newRow("snapgene read as fasta")
            << dna << u"y.fa"_s << u"fasta"_s
            << QString(dna + u": line 1: sequence data before the first '>' header"_s);
        QTest::newRow("fasta read as snapgene")
            << fa << u"y.fa"_s << u"snapgene"_s
            << QString(
                   fa +
                   u": byte 0: not a SnapGene file: it does not start with the SnapGene cookie packet"_s);
    }
    void errors()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QFETCH(QString, from);
        QFETCH(QString, error);
        const QString target = m_dir.filePath(out);
        const auto result = convertFile(
            in, target, from.isEmpty() ? std::nullopt : benchtop::bio::formatFromName(from));
        QCOMPARE(result.value_or(u"(no error)"_s), QString(error).replace(out, target));
        QVERIFY(!QFile::exists(target));
    }

    // A failed conversion leaves an existing output as it was, and no temporary file behind.
    void failureKeepsOutput()
    {
        const QString bad = m_dir.filePath(u"bad.fa"_s);
        QVERIFY(writeFile(bad, ">x\nACGT\nACXT1\n"));
        const QString empty = m_dir.filePath(u"empty.fa"_s);
        QVERIFY(writeFile(empty, "\n"));
        const QString out = m_dir.filePath(u"keep.json"_s);
        QVERIFY(writeFile(out, "keep me"));
        const QStringList before = QDir(m_dir.path()).entryList(QDir::Files);
        QCOMPARE(convert(bad, out),
                 QString(bad + u": line 3: '1' (column 5) is not a valid sequence character"_s));
        QCOMPARE(convert(empty, out), QString(empty + u": no sequence records found"_s));
        QCOMPARE(readFileOrEmpty(out), QByteArray("keep me"));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), before);
    }

    // --- These need the real GenBank and EMBL readers/writers (bio/GenBank.h, bio/Embl.h). ---

    void genBankToFasta()
    {
        const QString out = m_dir.filePath(u"pUC19.fa"_s);
        QCOMPARE(convert(testData(u"plasmids/pUC19_M77789.gb"), out), QString());
        const FastaResult ours = readFastaFile(out);
        QVERIFY(ours.ok());
        QCOMPARE(ours.records.size(), 1);
        QCOMPARE(ours.records.first().name, u"M77789.2"_s);
        // The same plasmid, from another source.
        const FastaResult reference = readFastaFile(testData(u"fasta/pUC19.fa"));
        QCOMPARE(ours.records.first().sequence.toUpper(),
                 reference.records.first().sequence.toUpper());
    }

    // A gzip-compressed whole genome: the sequence matches NCBI's FASTA of the same assembly.
    void genBankGzipToFasta()
    {
        const QString out = m_dir.filePath(u"ecoli.fa"_s);
        QCOMPARE(convert(testData(u"genomes/Ecoli_MG1655_GCF_000005845.2_genomic.gbff.gz"), out),
                 QString());
        const FastaResult ours = readFastaFile(out);
        const FastaResult ncbi =
            readFastaFile(testData(u"genomes/Ecoli_MG1655_GCF_000005845.2_genomic.fna.gz"));
        QCOMPARE(ours.records.size(), 1);
        QCOMPARE(ours.records.first().name, u"NC_000913.3"_s);
        QCOMPARE(ours.records.first().length(), 4641652);
        QVERIFY(ours.records.first().sequence.toUpper() == ncbi.records.first().sequence.toUpper());
    }

    void genBankToJson()
    {
        const QString out = m_dir.filePath(u"spanning.json"_s);
        QCOMPARE(convert(testData(u"tricky/plasmid_origin_spanning.gb"), out), QString());
        const QJsonObject object = QJsonDocument::fromJson(readFileOrEmpty(out)).object();
        QCOMPARE(object[u"isCircular"_s].toBool(), true);
        QCOMPARE(object[u"bases"_s].toString().size(), 151);
        bool found = false;
        for (const QJsonValue &a : object[u"annotations"_s].toArray())
            if (a[u"type"_s].toString() == u"misc_feature") {
                // join(145..151,1..2) crosses the origin: start > end.
                QCOMPARE(a[u"start"_s].toInteger(), 144);
                QCOMPARE(a[u"end"_s].toInteger(), 2);
                found = true;
            }
        QVERIFY(found);
    }

    void snapGeneToGenBank()
    {
        const QString in = testData(u"snapgene/pcDNA-DEST53.dna");
        const QString out = m_dir.filePath(u"pcDNA-DEST53.gb"_s);
        QCOMPARE(convert(in, out), QString());
        const GenBankResult back = readGenBankFile(out);
        QVERIFY(!back.error);
        QCOMPARE(back.records.size(), 1);
        const Record &original = readSnapGeneFile(in).record;
        const Record &written = back.records.first();
        QCOMPARE(written.sequence.toUpper(), original.sequence.toUpper());
        QCOMPARE(written.topology, Topology::Circular);
        QCOMPARE(written.features.size(), original.features.size());
        for (qsizetype i = 0; i < original.features.size(); ++i) {
            QCOMPARE(written.features[i].type, original.features[i].type);
            QCOMPARE(written.features[i].location.start(), original.features[i].location.start());
            QCOMPARE(written.features[i].location.end(), original.features[i].location.end());
            QCOMPARE(written.features[i].qualifier(u"label"_s),
                     original.features[i].qualifier(u"label"_s));
        }
    }

    void fastaToGenBank()
    {
        const QString out = m_dir.filePath(u"pACYC184.gbk"_s);
        QCOMPARE(convert(testData(u"fasta/pACYC184.fa"), out), QString());
        const GenBankResult back = readGenBankFile(out);
        QVERIFY(!back.error);
        QCOMPARE(back.records.size(), 1);
        QCOMPARE(back.records.first().sequence.toUpper(),
                 readFastaFile(testData(u"fasta/pACYC184.fa")).records.first().sequence.toUpper());
    }

    void emblToFasta()
    {
        const QString in = m_dir.filePath(u"small.embl"_s);
        QVERIFY(writeFile(
            in, "ID   TEST1; SV 1; circular; genomic DNA; STD; SYN; 20 BP.\n"
                "XX\n"
                "AC   TEST1;\n"
                "XX\n"
                "DE   A small test plasmid.\n"
                "XX\n"
                "FH   Key             Location/Qualifiers\n"
                "FH\n"
                "FT   CDS             3..11\n"
                "FT                   /label=\"orf\"\n"
                "XX\n"
                "SQ   Sequence 20 BP; 5 A; 5 C; 5 G; 5 T; 0 other;\n"
                "     acgtacgtac gtacgtacgt                                              20\n"
                "//\n"));
        const QString out = m_dir.filePath(u"small.fa"_s);
        QCOMPARE(convert(in, out), QString());
        const FastaResult back = readFastaFile(out);
        QCOMPARE(back.records.size(), 1);
        QCOMPARE(back.records.first().sequence.toUpper(), QByteArray("ACGTACGTACGTACGTACGT"));
    }

    // --- The benchtop-cli executable. ---

    void cli()
    {
#ifdef BENCHTOP_CLI
        const auto run = [](const QStringList &arguments, QByteArray *err = nullptr,
                            QByteArray *out = nullptr) {
            QProcess process;
            process.start(QStringLiteral(BENCHTOP_CLI), arguments);
            if (!process.waitForFinished(30000))
                return -100;
            if (err)
                *err = process.readAllStandardError();
            if (out)
                *out = process.readAllStandardOutput();
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -101;
        };
        const QString json = m_dir.filePath(u"cli.json"_s);
        QByteArray err;
        QByteArray out;
        QCOMPARE(run({u"convert"_s, testData(u"snapgene/sample-d.dna"), json}, &err), 0);
        QCOMPARE(err, QByteArray());
        QCOMPARE(QJsonDocument::fromJson(readFileOrEmpty(json)).object()[u"name"_s].toString(),
                 u"sample-d"_s);

        const QString fasta = m_dir.filePath(u"cli.out"_s);
        QCOMPARE(run({u"convert"_s, u"--to"_s, u"fasta"_s, json, fasta, u"--from"_s, u"json"_s}),
                 0);
        QVERIFY(readFileOrEmpty(fasta).startsWith(">sample-d\ngcacactaag"));

        const QString bad = m_dir.filePath(u"bad.fa"_s);
        QVERIFY(writeFile(bad, ">x\nAC#GT\n"));
        QCOMPARE(run({u"convert"_s, bad, m_dir.filePath(u"bad.json"_s)}, &err), 1);
        QCOMPARE(err, QString(u"benchtop-cli: "_s + bad +
                              u": line 2: '#' (column 3) is not a valid sequence character\n"_s)
                          .toUtf8());
        QVERIFY(!QFile::exists(m_dir.filePath(u"bad.json"_s)));

        QCOMPARE(run({u"convert"_s, bad, m_dir.filePath(u"x.dna"_s)}, &err), 1);
        QVERIFY(err.contains("cannot write SnapGene files"));
        QCOMPARE(run({u"convert"_s, bad, u"x.json"_s, u"--from"_s, u"word"_s}, &err), 2);
        QVERIFY(err.contains("unknown format 'word' for --from"));
        QCOMPARE(run({u"convert"_s, u"--bogus"_s, bad, u"x.json"_s}, &err), 2);
        QVERIFY(err.contains("Unknown option 'bogus'"));
        QCOMPARE(run({u"convert"_s, bad}, &err), 2);
        QVERIFY(err.contains("convert needs IN and OUT"));
        QCOMPARE(run({u"frobnicate"_s}, &err), 2);
        QVERIFY(err.contains("unknown command 'frobnicate'"));
        QCOMPARE(run({}, &err), 2);
        QCOMPARE(run({u"--help"_s}, nullptr, &out), 0);
        QVERIFY(out.contains("convert"));
        QCOMPARE(run({u"convert"_s, u"--help"_s}, nullptr, &out), 0);
        QVERIFY(out.contains("--from <format>"));
#else
        QSKIP("BENCHTOP_CLI (the path of benchtop-cli) is not defined for this build");
#endif
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestConvert)
#include "tst_bio_convert.moc"
