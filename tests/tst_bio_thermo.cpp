// Tm, GC content and molecular weight, against Biopython 1.80 (python3-biopython).
#include "bio/Thermo.h"

#include "BioTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

// Common sequencing and cloning primers, and oligos that exercise the edge cases.
const QList<QByteArray> kPrimers = {
    "GTAAAACGACGGCCAGT",       // M13 forward (-20)
    "CAGGAAACAGCTATGAC",       // M13 reverse (-27)
    "AGCGGATAACAATTTCACACAGG", // M13 reverse (-48)
    "TAATACGACTCACTATAGGG",    // T7 promoter
    "GCTAGTTATTGCTCAGCGG",     // T7 terminator
    "ATTTAGGTGACACTATAG",      // SP6
    "ATTAACCCTCACTAAAGGGA",    // T3
    "TAGAAGGCACAGTCGAGG",      // BGH reverse
    "CGCAAATGGGCGGTAGGCGTG",   // CMV forward
    "GGGCTGGCAAGCCACGTTTGGTG", // pGEX 5'
    "TTTTTTTTTTTTTTTTTT",      // oligo dT, no G/C
    "CGTTCCAAAGATGTGGGCATGAGCTTAC",
    "gtaaaacgacggccagt",  // lower case
    "GTAAAACGACNGGCCAGT", // N is dropped by Tm_NN, counted by the GC modes
    "AUUUAGGUGACACUAUAG", // RNA letters: U is T for Tm
    "GGAATTCC",           // short, self-complementary
};

struct Condition
{
    MeltingConditions ours;
    QJsonObject biopython;
};

QList<Condition> conditions()
{
    QList<Condition> list;
    const auto add = [&](MeltingConditions c) {
        list.append({c, QJsonObject{{u"Na"_s, c.na},
                                    {u"K"_s, c.k},
                                    {u"Tris"_s, c.tris},
                                    {u"Mg"_s, c.mg},
                                    {u"dNTPs"_s, c.dntps},
                                    {u"dnac1"_s, c.dnac1},
                                    {u"dnac2"_s, c.dnac2},
                                    {u"selfcomp"_s, c.selfComplementary},
                                    {u"saltcorr"_s, int(c.saltCorrection)}}});
    };
    add({}); // Biopython's defaults: Na 50 mM, 25 nM each strand, saltcorr 5
    for (int method = 0; method <= 7; ++method) {
        MeltingConditions c;
        c.na = 50;
        c.k = 10;
        c.tris = 5;
        c.mg = 1;
        c.dntps = 0.2;
        c.saltCorrection = SaltCorrection(method);
        add(c);
    }
    MeltingConditions pcr; // a PCR buffer: K+, Tris, 2 mM Mg2+, 0.8 mM dNTPs, 500 nM primer
    pcr.na = 0;
    pcr.k = 50;
    pcr.tris = 10;
    pcr.mg = 2;
    pcr.dntps = 0.8;
    pcr.dnac1 = 500;
    pcr.dnac2 = 0;
    for (const auto method : {SaltCorrection::SantaLucia1998Entropy, SaltCorrection::Owczarzy2008})
        add((pcr.saltCorrection = method, pcr));
    MeltingConditions owczarzy; // the three branches of Owczarzy 2008: Mg/Na low, mid, high
    owczarzy.saltCorrection = SaltCorrection::Owczarzy2008;
    for (const auto &[na, mg] : {std::pair{50.0, 0.0}, {50.0, 3.0}, {10.0, 10.0}}) {
        owczarzy.na = na;
        owczarzy.mg = mg;
        add(owczarzy);
    }
    MeltingConditions self;
    self.selfComplementary = true;
    add(self);
    MeltingConditions noIons; // undefined for every correction that takes a log of [Na+]
    noIons.na = 0;
    noIons.saltCorrection = SaltCorrection::SchildkrautLifson1965;
    add(noIons);
    MeltingConditions tooMuchTarget; // dnac2 > 2 dnac1: no real Tm
    tooMuchTarget.dnac2 = 60;
    add(tooMuchTarget);
    return list;
}

} // namespace

class TestThermo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesBiopython()
    {
        QList<QByteArray> oligos = kPrimers;
        QRandomGenerator random(1998);
        for (int i = 0; i < 40; ++i) {
            QByteArray oligo(15 + random.bounded(26), Qt::Uninitialized);
            for (char &base : oligo)
                base = "ACGT"[random.bounded(4)];
            oligos.append(oligo);
        }
        const QList<Condition> conditionList = conditions();
        QJsonArray oligoArray, conditionArray, weightArray;
        for (const QByteArray &oligo : std::as_const(oligos))
            oligoArray.append(QString::fromLatin1(oligo));
        for (const Condition &condition : conditionList)
            conditionArray.append(condition.biopython);
        struct WeightCase
        {
            QByteArray sequence;
            MoleculeKind kind;
            bool doubleStranded, circular, monoisotopic;
        };
        QList<WeightCase> weights;
        for (const QByteArray &oligo : std::as_const(oligos)) {
            for (int flags = 0; flags < 8; ++flags)
                weights.append(
                    {oligo, MoleculeKind::Dna, bool(flags & 1), bool(flags & 2), bool(flags & 4)});
        }
        for (int flags = 0; flags < 8; ++flags) {
            weights.append({"AUGGCUACGUUAG", MoleculeKind::Rna, bool(flags & 1), bool(flags & 2),
                            bool(flags & 4)});
        }
        const QByteArray protein =
            "MSIQHFRVALIPFFAAFCLPVFAHPETLVKVKDAEDQLGARVGYIELDLNSGKILESFRPEERFPMMSTFKVLLCGAVLSRIDAGQ"
            "EQLGRRIHYSQNDLVEYSPVTEKHLTDGMTVRELCSAAITMSDNTAANLLLTTIGGPKELTAFLHNMGDHVTRLDRWEPELNEAIP"
            "NDERDTTMPVAMATTLRKLLTGELLTLASRQQLIDWMEADKVAGPLLRSALPAGWFIADKSGAGERGSRGIIAALGPDGKPSRIVV"
            "IYTTGSQATMDERNRQIAEIGASLIKHW";
        weights.append({protein, MoleculeKind::Protein, false, false, false});
        weights.append({protein, MoleculeKind::Protein, false, false, true});
        weights.append({"MKUOW", MoleculeKind::Protein, false, true, false});
        weights.append({"ACGN", MoleculeKind::Dna, false, false, false});    // no mass for N
        weights.append({"ACGU", MoleculeKind::Dna, false, false, false});    // U is not DNA
        weights.append({"MK*", MoleculeKind::Protein, false, false, false}); // nor '*' protein
        weights.append({"MKV", MoleculeKind::Protein, true, false, false});  // no ds protein
        for (const WeightCase &w : std::as_const(weights)) {
            weightArray.append(
                QJsonObject{{u"seq"_s, QString::fromLatin1(w.sequence)},
                            {u"seq_type"_s, w.kind == MoleculeKind::Dna   ? u"DNA"_s
                                            : w.kind == MoleculeKind::Rna ? u"RNA"_s
                                                                          : u"protein"_s},
                            {u"double_stranded"_s, w.doubleStranded},
                            {u"circular"_s, w.circular},
                            {u"monoisotopic"_s, w.monoisotopic}});
        }

        QTemporaryDir dir;
        const QString input = dir.filePath(u"in.json"_s);
        QVERIFY(writeFile(input, QJsonDocument(QJsonObject{{u"oligos"_s, oligoArray},
                                                           {u"conditions"_s, conditionArray},
                                                           {u"weights"_s, weightArray}})
                                     .toJson(QJsonDocument::Compact)));
        QJsonDocument document;
        const QString error = runPythonOracle(u"thermo.py", {input}, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject expected = document.object();

        // Same formulas in double precision: we hold ourselves to 1e-6, well inside the
        // 0.01 degC / 0.01 Da asked for.
        constexpr double kTolerance = 1e-6;
        int undefined = 0;
        for (qsizetype i = 0; i < oligos.size(); ++i) {
            const QByteArray &oligo = oligos[i];
            const QJsonArray tms = expected[u"tm"].toArray()[i].toArray();
            QCOMPARE(tms.size(), conditionList.size());
            for (qsizetype c = 0; c < conditionList.size(); ++c) {
                const auto ours = meltingTemperature(oligo, conditionList[c].ours);
                const QString where =
                    QString::fromLatin1(oligo) + u" condition "_s + QString::number(c);
                if (tms[c].isNull()) {
                    QVERIFY2(!ours, qPrintable(where));
                    ++undefined;
                    continue;
                }
                QVERIFY2(ours, qPrintable(where));
                QVERIFY2(std::abs(*ours - tms[c].toDouble()) < kTolerance,
                         qPrintable(where + u": %1 vs %2"_s.arg(*ours).arg(tms[c].toDouble())));
            }
            QCOMPARE(wallaceMeltingTemperature(oligo),
                     expected[u"wallace"].toArray()[i].toDouble());
            const QJsonArray gc = expected[u"gc"].toArray()[i].toArray();
            // Biopython's "remove" mode leaves U out of the length (it counts A, T, W); we
            // count U as T. The ignore and weighted modes agree.
            if (!oligo.contains('U'))
                QVERIFY(std::abs(gcFraction(oligo, GcAmbiguity::Remove) - gc[0].toDouble()) <
                        1e-12);
            QVERIFY(std::abs(gcFraction(oligo, GcAmbiguity::Ignore) - gc[1].toDouble()) < 1e-12);
            QVERIFY(std::abs(gcFraction(oligo, GcAmbiguity::Weighted) - gc[2].toDouble()) < 1e-12);
        }
        QCOMPARE(undefined, 2 * int(oligos.size())); // the two undefined conditions, always
        QCOMPARE(gcFraction("AUUUAGGUGACACUAUAG"), 6.0 / 18.0);

        const QJsonArray weightResults = expected[u"weights"].toArray();
        QCOMPARE(weightResults.size(), weights.size());
        int invalid = 0;
        for (qsizetype i = 0; i < weights.size(); ++i) {
            const WeightCase &w = weights[i];
            const auto ours =
                molecularWeight(w.sequence, w.kind, w.doubleStranded, w.circular, w.monoisotopic);
            if (weightResults[i].isNull()) {
                QVERIFY2(!ours, w.sequence.constData());
                ++invalid;
                continue;
            }
            QVERIFY2(ours, w.sequence.constData());
            QVERIFY2(std::abs(*ours - weightResults[i].toDouble()) < kTolerance,
                     qPrintable(u"%1: %2 vs %3"_s.arg(QString::fromLatin1(w.sequence))
                                    .arg(*ours, 0, 'f', 6)
                                    .arg(weightResults[i].toDouble(), 0, 'f', 6)));
        }
        // "GTAAAACGACNGGCCAGT" (8 DNA variants), "AUUU..." as DNA (8), the 4 invalid cases.
        QCOMPARE(invalid, 8 + 8 + 4);
    }

    void literatureValues()
    {
        // Biopython's documented examples (MeltingTemp docstrings).
        QCOMPARE(wallaceMeltingTemperature("ACGTTGCAATGCCGTA"), 48.0);
        QCOMPARE(wallaceMeltingTemperature("ACGT TGCA ATGC CGTA"), 48.0);
        QCOMPARE(QString::number(*meltingTemperature("CGTTCCAAAGATGTGGGCATGAGCTTAC"), 'f', 2),
                 u"60.32"_s);
        MeltingConditions c;
        c.saltCorrection = SaltCorrection::SchildkrautLifson1965;
        QCOMPARE(QString::number(*saltCorrectionTerm("ACGT", c), 'f', 2), u"-21.60"_s);
        c.saltCorrection = SaltCorrection::Wetmur1991;
        QCOMPARE(QString::number(*saltCorrectionTerm("ACGT", c), 'f', 2), u"-21.85"_s);
        c.na = 100;
        c.tris = 20;
        QCOMPARE(QString::number(*saltCorrectionTerm("ACGT", c), 'f', 2), u"-16.45"_s);
        c.mg = 1.5;
        QCOMPARE(QString::number(*saltCorrectionTerm("ACGT", c), 'f', 2), u"-10.99"_s);
        // gc_fraction's examples.
        QCOMPARE(gcFraction("ACTG"), 0.5);
        QCOMPARE(gcFraction("ACTGSSSS"), 0.75);
        QCOMPARE(gcFraction("ACTGN", GcAmbiguity::Ignore), 0.4);
        QCOMPARE(gcFraction("ACTGN", GcAmbiguity::Weighted), 0.5);
        QCOMPARE(gcFraction("GDVV"), 1.0);
        QCOMPARE(QString::number(gcFraction("GDVV", GcAmbiguity::Weighted), 'f', 4), u"0.6667"_s);
        QCOMPARE(gcFraction(""), 0.0);
        // Molecular weight by hand: A+C+G+T monophosphates less three waters.
        QCOMPARE(*molecularWeight("ACGT", MoleculeKind::Dna),
                 331.2218 + 307.1971 + 347.2212 + 322.2085 - 3 * 18.0153);
    }

    void badInputs()
    {
        QVERIFY(!meltingTemperature(""));
        QVERIFY(!meltingTemperature("A"));
        QVERIFY(!meltingTemperature("NNNNNNNNNA")); // one base left after dropping N
        QVERIFY(!meltingTemperature("ACGTIACGT"));  // inosine needs the mismatch tables
        QVERIFY(meltingTemperature("AC"));
        QVERIFY(!molecularWeight("", MoleculeKind::Dna));
        QVERIFY(!molecularWeight("ACGT", MoleculeKind::Rna));
        QCOMPARE(wallaceMeltingTemperature("12-?"), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestThermo)
#include "tst_bio_thermo.moc"
