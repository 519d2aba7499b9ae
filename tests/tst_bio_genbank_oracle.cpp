// Our GenBank reader against Biopython 1.80 (Debian python3-biopython) on the shared files:
// records, names, lengths, topology, sequence, and every feature's type, spans, strands, fuzzy
// ends and qualifiers. Biopython also reads what our writer wrote and must see the same.
// Every difference is explained next to the narrow exception that allows it.
#include "bio/GenBank.h"

#include "BioTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

QString strandName(Strand strand)
{
    return strand == Strand::Forward ? u"1"_s : strand == Strand::Reverse ? u"-1"_s : u"null"_s;
}

QString bioStrand(const QJsonValue &v)
{
    return v.isNull() ? u"null"_s : QString::number(v.toInt());
}

// Biopython keeps qualifiers as {name: [values]}: compare per name, in order.
QMap<QString, QStringList> ourQualifiers(const Feature &feature)
{
    QMap<QString, QStringList> out;
    for (const Qualifier &q : feature.qualifiers) {
        // Biopython stores a valueless /pseudo as "" and skips it if the name is already there.
        if (!q.hasValue && out.contains(q.name))
            continue;
        out[q.name].append(q.value);
    }
    return out;
}

QMap<QString, QStringList> bioQualifiers(const QJsonArray &qualifiers)
{
    QMap<QString, QStringList> out;
    for (const QJsonValue &q : qualifiers)
        out[q[0].toString()].append(q[1].toString());
    return out;
}

void compareLocation(const Location &ours, const QJsonObject &bio, const QString &where,
                     QStringList &diffs)
{
    const QJsonValue parts = bio[u"location"];
    if (parts.isNull()) {
        // Biopython drops a location it cannot place ("2812..915" on a linear record); we keep
        // the feature without one, as it does.
        if (!ours.isEmpty())
            diffs << where + u": Biopython has no location"_s;
        return;
    }
    const QJsonArray spans = parts.toArray();
    if (spans.size() != ours.spans.size()) {
        diffs << where + u": %1 spans, Biopython %2"_s.arg(ours.spans.size()).arg(spans.size());
        return;
    }
    static const QStringList ops = {QString(), u"join"_s, u"order"_s, u"bond"_s};
    const QString bioOp = bio[u"op"].toString();
    // A lone operator with one span ("bond(196)") is a simple location to Biopython.
    const bool loneOperator = ours.spans.size() == 1 && bioOp.isEmpty();
    if (ops[int(ours.op)] != bioOp && !loneOperator)
        diffs << where + u": operator %1, Biopython '%2'"_s.arg(ops[int(ours.op)], bioOp);
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span &s = ours.spans[i];
        const QJsonArray b = spans[i].toArray();
        const QString at = where + u" span %1"_s.arg(i);
        if (s.start != b[0].toInteger() || s.end != b[1].toInteger() ||
            strandName(s.strand) != bioStrand(b[2]))
            diffs << at + u": %1..%2/%3, Biopython %4..%5/%6"_s.arg(s.start).arg(s.end).arg(
                              strandName(s.strand), QString::number(b[0].toInteger()),
                              QString::number(b[1].toInteger()), bioStrand(b[2]));
        if (s.remoteAccession != b[3].toString())
            diffs << at + u": accession '%1', Biopython '%2'"_s.arg(s.remoteAccession,
                                                                    b[3].toString());
        const QString startKind = b[4].toString(), endKind = b[5].toString();
        if (s.kind == Span::Kind::OneOf) {
            // one-of(), (a.b) and odd fuzz (">1..5") are Biopython position classes; we keep
            // their text and the widest range.
            if (startKind == u"Exact" && endKind == u"Exact")
                diffs << at + u": uncertain here, exact to Biopython"_s;
            continue;
        }
        QString wantStart = s.fuzzyStart ? u"Before"_s : u"Exact"_s;
        QString wantEnd = s.fuzzyEnd ? u"After"_s : u"Exact"_s;
        // A fuzzy single base "<10" is BeforePosition at both ends to Biopython; we mark the
        // end the sign stands at.
        if (s.end - s.start == 1 && s.fuzzyStart != s.fuzzyEnd && startKind == endKind)
            wantStart = wantEnd = s.fuzzyStart ? u"Before"_s : u"After"_s;
        if (startKind != wantStart || endKind != wantEnd)
            diffs << at + u": fuzzy %1/%2, Biopython %3/%4"_s.arg(wantStart, wantEnd, startKind,
                                                                  endKind);
    }
}

QStringList compareRecords(const QList<Record> &ours, const QJsonArray &bio)
{
    QStringList diffs;
    if (ours.size() != bio.size())
        return {u"%1 records, Biopython %2"_s.arg(ours.size()).arg(bio.size())};
    for (qsizetype r = 0; r < ours.size(); ++r) {
        const Record &rec = ours[r];
        const QJsonObject b = bio[r].toObject();
        const QString where = rec.name;
        if (rec.name != b[u"name"].toString())
            diffs << where + u": name, Biopython "_s + b[u"name"].toString();
        const QByteArray bioSequence = b[u"sequence"].toString().toLatin1();
        if (rec.sequence != bioSequence)
            diffs << where + u": sequence differs"_s;
        // Without ORIGIN Biopython keeps the LOCUS length of an undefined sequence; our Record
        // has only the (empty) sequence.
        if (rec.length() != b[u"length"].toInteger() && !bioSequence.isEmpty())
            diffs << where + u": length %1, Biopython %2"_s.arg(rec.length())
                                 .arg(b[u"length"].toInteger());
        const QString topology = rec.topology == Topology::Circular ? u"circular"_s
                                 : rec.topology == Topology::Linear ? u"linear"_s
                                                                    : QString();
        if (topology != b[u"topology"].toString())
            diffs << where + u": topology"_s;
        QString molecule = rec.moleculeType;
        // GenPept LOCUS lines name no molecule type ("375 aa"): Biopython says "protein", we
        // keep the file's (none) and set kind Protein.
        if (rec.kind == MoleculeKind::Protein && molecule.isEmpty())
            molecule = u"protein"_s;
        // pFA6a's LOCUS line is out of its columns; Biopython's fallback for such lines loses
        // the "ds-" of "ds-DNA", which we keep.
        if (molecule != b[u"molecule_type"].toString() && molecule.startsWith(u"ds-"))
            molecule = molecule.mid(3);
        if (molecule != b[u"molecule_type"].toString())
            diffs << where + u": molecule type '%1', Biopython '%2'"_s.arg(
                                 molecule, b[u"molecule_type"].toString());
        const QJsonArray features = b[u"features"].toArray();
        if (features.size() != rec.features.size()) {
            diffs << where + u": %1 features, Biopython %2"_s.arg(rec.features.size())
                                 .arg(features.size());
            continue;
        }
        for (qsizetype i = 0; i < features.size(); ++i) {
            const Feature &f = rec.features[i];
            const QJsonObject bf = features[i].toObject();
            const QString at = where + u" feature %1 (%2)"_s.arg(i).arg(f.type);
            if (f.type != bf[u"type"].toString())
                diffs << at + u": type, Biopython "_s + bf[u"type"].toString();
            compareLocation(f.location, bf, at, diffs);
            const auto ourQ = ourQualifiers(f);
            const auto bioQ = bioQualifiers(bf[u"qualifiers"].toArray());
            for (const QString &name : QSet<QString>(ourQ.keyBegin(), ourQ.keyEnd()) |
                                           QSet<QString>(bioQ.keyBegin(), bioQ.keyEnd()))
                if (ourQ.value(name) != bioQ.value(name))
                    diffs << at + u": /%1 = %2, Biopython %3"_s.arg(
                                      name, ourQ.value(name).join(u" | "_s),
                                      bioQ.value(name).join(u" | "_s));
        }
    }
    return diffs;
}

// Every location form Biopython can read, in one circular record. (It cannot read "102.110":
// Biopython 1.80 fails with AttributeError on it, so that form is tested in tst_bio_location.)
const char kSynthetic[] =
    "LOCUS       SYNTH                    100 bp    DNA     circular SYN 01-JAN-2024\n"
    "DEFINITION  Every location form.\n"
    "ACCESSION   SYNTH\n"
    "VERSION     SYNTH.1\n"
    "FEATURES             Location/Qualifiers\n"
    "     misc_feature    10..20\n"
    "     misc_feature    10\n"
    "     misc_feature    <1..>100\n"
    "     misc_feature    <10\n"
    "     misc_feature    >10\n"
    "     misc_feature    10^11\n"
    "     misc_feature    100^1\n"
    "     misc_feature    one-of(10,12)..20\n"
    "     misc_feature    10..one-of(18,20)\n"
    "     misc_feature    (5.8)..20\n"
    "     misc_feature    complement(10..20)\n"
    "     misc_feature    join(10..20,30..40)\n"
    "     misc_feature    order(10..20,30..40)\n"
    "     misc_feature    bond(10,30)\n"
    "     misc_feature    complement(join(10..20,30..40))\n"
    "     misc_feature    complement(order(10..20,30..40))\n"
    "     misc_feature    join(complement(30..40),complement(10..20))\n"
    "     misc_feature    join(1..5,complement(8..9))\n"
    "     misc_feature    J00194.1:100..202\n"
    "     misc_feature    join(J00194.1:100..202,10..20)\n"
    "     misc_feature    91..10\n"
    "     misc_feature    complement(<91..>10)\n"
    "     misc_feature    join(5..10,<91..20)\n"
    "     misc_feature    join(bond(5),bond(7))\n"
    "     misc_feature    join(1..5,\n"
    "                     8..9)\n"
    "                     /note=\"say \"\"hi\"\" twice\"\n"
    "                     /pseudo\n"
    "                     /codon_start=1\n"
    "                     /label=unquoted value\n"
    "                     /translation=\"MKV\n"
    "                     LLA\"\n"
    "                     /note=\"multi\n"
    "                     line  two\"\n"
    "                     /note=\n"
    "ORIGIN\n"
    "        1 aaaaaaaaaa cccccccccc gggggggggg tttttttttt aaaaaaaaaa cccccccccc\n"
    "       61 aaaaaaaaaa cccccccccc gggggggggg tttttttttt\n"
    "//\n";

} // namespace

class TestGenBankOracle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList paths;
        for (const QString &file : genbankTestFiles())
            paths << testData(file);
        QJsonDocument document;
        const QString error = runPythonOracle(u"genbank_features.py", paths, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_biopython = document.object();
        QVERIFY(!m_biopython.isEmpty());
    }

    void compareWithBiopython_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : genbankTestFiles())
            QTest::newRow(qPrintable(file)) << file;
    }
    void compareWithBiopython()
    {
        QFETCH(QString, file);
        const GenBankResult ours = readGenBankFile(testData(file));
        QVERIFY(ours.ok());
        const QJsonValue bio = m_biopython[testData(file)];
        QVERIFY2(bio.isArray(),
                 qPrintable(QString::fromUtf8(QJsonDocument(bio.toObject()).toJson())));
        const QStringList diffs = compareRecords(ours.records, bio.toArray());
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n')));
    }

    void syntheticLocations()
    {
        const QString path = m_dir.filePath(u"synthetic.gb"_s);
        QVERIFY(writeFile(path, kSynthetic));
        QJsonDocument document;
        const QString error = runPythonOracle(u"genbank_features.py", {path}, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject bio = document.object();
        QVERIFY(!bio.isEmpty());
        const GenBankResult ours = readGenBank(kSynthetic);
        QVERIFY(ours.ok());
        QCOMPARE(ours.records[0].features.size(), 25);
        const QStringList diffs = compareRecords(ours.records, bio[path].toArray());
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n')));
    }

    void biopythonReadsOurOutput()
    {
        // Write every file with our writer; Biopython must read the same from ours as from the
        // original.
        QStringList written;
        for (const QString &file : genbankTestFiles()) {
            const GenBankResult read = readGenBankFile(testData(file));
            QVERIFY(read.ok());
            const QString path = m_dir.filePath(QString(file).replace(u'/', u'_'));
            QVERIFY(writeFile(path, writeGenBank(read.records)));
            written << path;
        }
        QJsonDocument document;
        const QString error = runPythonOracle(u"genbank_features.py", written, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject bio = document.object();
        QVERIFY(!bio.isEmpty());
        QStringList diffs;
        for (qsizetype i = 0; i < written.size(); ++i) {
            const QString file = genbankTestFiles()[i];
            QJsonArray original = m_biopython[testData(file)].toArray();
            const QJsonArray ours = bio[written[i]].toArray();
            if (ours.size() != original.size()) {
                diffs << file + u": record count"_s;
                continue;
            }
            for (qsizetype r = 0; r < ours.size(); ++r) {
                QJsonObject a = original[r].toObject();
                QJsonObject b = ours[r].toObject();
                // Features without a location cannot be written (see tst_bio_genbank).
                QJsonArray kept;
                for (const QJsonValue &f : a[u"features"].toArray())
                    if (!f[u"location"].isNull())
                        kept.append(f);
                a[u"features"] = kept;
                // No sequence: our LOCUS line says 0 bp (Record has no other length).
                if (a[u"sequence"].toString().isEmpty())
                    a[u"length"] = b[u"length"];
                // pFA6a: our LOCUS line is in the standard columns, so Biopython now reads
                // its "ds-DNA" (see compareRecords).
                if (b[u"molecule_type"] == u"ds-DNA"_s && a[u"molecule_type"] == u"DNA"_s)
                    a[u"molecule_type"] = b[u"molecule_type"];
                if (a != b)
                    diffs << file + u": Biopython reads our output differently"_s;
            }
        }
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n')));
    }

    void truncatedFile()
    {
        // no_origin_no_end.gb: Biopython fails too ("Premature end of line during features
        // table"); our message is in tst_bio_genbank.
        const QString path = testData(u"tricky/no_origin_no_end.gb");
        QJsonDocument document;
        const QString error = runPythonOracle(u"genbank_features.py", {path}, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(document.object()[path].toObject().contains(u"error"));
        QVERIFY(!readGenBankFile(path).ok());
    }

private:
    QTemporaryDir m_dir;
    QJsonObject m_biopython;
};

QTEST_GUILESS_MAIN(TestGenBankOracle)
#include "tst_bio_genbank_oracle.moc"
