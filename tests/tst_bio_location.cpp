// INSDC location strings: every form parses to the expected spans (hand-checked against the
// INSDC feature table definition, section 3.4, and Biopython 1.80's Location.fromstring), the
// canonical text comes back out, and malformed ones give errors that quote them.
#include "bio/LocationFormat.h"

#include <QTest>

using namespace benchtop::bio;
using namespace Qt::StringLiterals;

namespace {

// "join <6800-7000+ 0-100+": operator, then each span as [flags]start-end strand, where '<' '>'
// are fuzzy ends, '^' a site between bases, '.' a base within a range, '?' a one-of/uncertain
// position, "@ACC " a remote accession; strand '+', '-' or '~' (none, proteins).
QString describe(const Location &location)
{
    static const char *const ops[] = {"single", "join", "order", "bond"};
    QString out = QString::fromLatin1(ops[int(location.op)]);
    for (const Span &s : location.spans) {
        out += u' ';
        if (!s.remoteAccession.isEmpty())
            out += u'@' + s.remoteAccession + u' ';
        out += s.kind == Span::Kind::Between  ? u"^"_s
               : s.kind == Span::Kind::Within ? u"."_s
               : s.kind == Span::Kind::OneOf  ? u"?"_s
                                              : QString();
        out += (s.fuzzyStart ? u"<"_s : QString()) + QString::number(s.start) + u'-' +
               QString::number(s.end) + (s.fuzzyEnd ? u">"_s : QString());
        out += s.strand == Strand::Forward ? u'+' : s.strand == Strand::Reverse ? u'-' : u'~';
    }
    return out;
}

LocationContext circular(qint64 length)
{
    return {length, true, true};
}

} // namespace

Q_DECLARE_METATYPE(benchtop::bio::LocationContext)

class TestLocation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<LocationContext>("context");
        QTest::addColumn<QString>("expected");
        const LocationContext c100 = circular(100);
        const LocationContext c7000 = circular(7000);
        const LocationContext protein{375, false, false};
        QTest::newRow("range") << "10..20"_ba << c100 << u"single 9-20+"_s;
        QTest::newRow("single base") << "10"_ba << c100 << u"single 9-10+"_s;
        QTest::newRow("fuzzy both") << "<1..>100"_ba << c100 << u"single <0-100>+"_s;
        QTest::newRow("fuzzy single <") << "<10"_ba << c100 << u"single <9-10+"_s;
        QTest::newRow("fuzzy single >") << ">10"_ba << c100 << u"single 9-10>+"_s;
        QTest::newRow("between") << "10^11"_ba << c100 << u"single ^10-10+"_s;
        QTest::newRow("between origin") << "100^1"_ba << c100 << u"single ^100-100+"_s;
        QTest::newRow("within") << "102.110"_ba << circular(200) << u"single .101-110+"_s;
        QTest::newRow("one-of start") << "one-of(12,10)..20"_ba << c100 << u"single ?9-20+"_s;
        QTest::newRow("one-of end") << "10..one-of(18,20)"_ba << c100 << u"single ?9-20+"_s;
        QTest::newRow("old uncertain") << "(5.8)..20"_ba << c100 << u"single ?4-20+"_s;
        QTest::newRow("complement") << "complement(10..20)"_ba << c100 << u"single 9-20-"_s;
        QTest::newRow("join") << "join(10..20,30..40)"_ba << c100 << u"join 9-20+ 29-40+"_s;
        QTest::newRow("order") << "order(10..20,30..40)"_ba << c100 << u"order 9-20+ 29-40+"_s;
        QTest::newRow("bond") << "bond(10,30)"_ba << c100 << u"bond 9-10+ 29-30+"_s;
        // The minus strand reads the parts backwards: the 3' part of the text comes first.
        QTest::newRow("complement(join)")
            << "complement(join(10..20,30..40))"_ba << c100 << u"join 29-40- 9-20-"_s;
        QTest::newRow("join(complement)")
            << "join(complement(30..40),complement(10..20))"_ba << c100 << u"join 29-40- 9-20-"_s;
        QTest::newRow("mixed strands")
            << "join(1..5,complement(8..9))"_ba << c100 << u"join 0-5+ 7-9-"_s;
        QTest::newRow("remote") << "J00194.1:100..202"_ba << c100 << u"single @J00194.1 99-202+"_s;
        QTest::newRow("remote in join")
            << "join(J00194.1:100..202,10..20)"_ba << c100 << u"join @J00194.1 99-202+ 9-20+"_s;
        QTest::newRow("origin wrap") << "6801..100"_ba << c7000 << u"join 6800-7000+ 0-100+"_s;
        QTest::newRow("origin wrap complement")
            << "complement(6801..100)"_ba << c7000 << u"join 0-100- 6800-7000-"_s;
        QTest::newRow("origin wrap fuzzy in join")
            << "join(5400..5600,5700..6100,complement(<6801..100))"_ba << c7000
            << u"join 5399-5600+ 5699-6100+ 0-100- <6800-7000-"_s;
        // GenPept Het sites: the outer operator names the location (as Biopython does).
        QTest::newRow("bond in join")
            << "join(bond(5),bond(7))"_ba << protein << u"join 4-5~ 6-7~"_s;
        QTest::newRow("protein order")
            << "order(10,12..14)"_ba << protein << u"order 9-10~ 11-14~"_s;
        QTest::newRow("wrapped text")
            << "join(1..5,\n                     8..9)"_ba << c100 << u"join 0-5+ 7-9+"_s;
        QTest::newRow("site before first base") << "0^1"_ba << c100 << u"single ^0-0+"_s;
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(LocationContext, context);
        QFETCH(QString, expected);
        const LocationParseResult result = parseLocation(text, context);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(describe(result.location), expected);
    }

    void format_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<LocationContext>("context");
        QTest::addColumn<QByteArray>("expected");
        const LocationContext c100 = circular(100);
        const LocationContext c7000 = circular(7000);
        for (const char *same :
             {"10..20", "10", "<1..>100", "10^11", "one-of(10,12)..20", "(5.8)..20",
              "complement(10..20)", "join(10..20,30..40)", "order(10..20,30..40)", "bond(10,30)",
              "complement(join(10..20,30..40))", "join(1..5,complement(8..9))", "J00194.1:100..202",
              "complement(J00194.1:100..202)", "join(J00194.1:100..202,10..20)", "<10..10",
              "10..>10", "0^1"})
            QTest::newRow(same) << QByteArray(same) << c100 << QByteArray(same);
        QTest::newRow("within") << "102.110"_ba << circular(200) << "102.110"_ba;
        QTest::newRow("between origin") << "7000^1"_ba << c7000 << "7000^1"_ba;
        QTest::newRow("join of complements") << "join(complement(30..40),complement(10..20))"_ba
                                             << c100 << "complement(join(10..20,30..40))"_ba;
        QTest::newRow("fuzzy single base") << "<10"_ba << c100 << "<10..10"_ba;
        QTest::newRow("one base range") << "10..10"_ba << c100 << "10"_ba;
        QTest::newRow("origin wrap") << "6801..100"_ba << c7000 << "join(6801..7000,1..100)"_ba;
        QTest::newRow("origin wrap fuzzy")
            << "<6801..>100"_ba << c7000 << "join(<6801..7000,1..>100)"_ba;
        QTest::newRow("origin wrap complement")
            << "complement(6801..100)"_ba << c7000 << "complement(join(6801..7000,1..100))"_ba;
        QTest::newRow("protein") << "order(10,12..14)"_ba << LocationContext{375, false, false}
                                 << "order(10,12..14)"_ba;
    }
    void format()
    {
        QFETCH(QByteArray, text);
        QFETCH(LocationContext, context);
        QFETCH(QByteArray, expected);
        const LocationParseResult parsed = parseLocation(text, context);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        const QByteArray written = formatLocation(parsed.location, context);
        QCOMPARE(written, expected);
        const LocationParseResult again = parseLocation(written, context);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(again.location, parsed.location);
    }

    void formatBuiltInCode()
    {
        // Spans made by code (no verbatim text) still give valid locations.
        Location location;
        location.op = Location::Operator::Join;
        Span a;
        a.start = 4;
        a.end = 9;
        a.strand = Strand::Reverse;
        Span b = a;
        b.start = 0;
        b.end = 2;
        location.spans = {a, b};
        QCOMPARE(formatLocation(location), "complement(join(1..2,5..9))"_ba);
        location.spans[1].strand = Strand::Forward;
        QCOMPARE(formatLocation(location), "join(complement(5..9),1..2)"_ba);
        Span oneOf;
        oneOf.kind = Span::Kind::OneOf;
        oneOf.start = 9;
        oneOf.end = 20;
        QCOMPARE(formatLocation(Location{{oneOf}, Location::Operator::Single}), "10..20"_ba);
        QCOMPARE(formatLocation(Location{}), QByteArray());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed") << "join(1..5,8..9"_ba
                                  << u"unbalanced parenthesis in location 'join(1..5,8..9'"_s;
        QTest::newRow("extra close")
            << "1..5)"_ba << u"unbalanced parenthesis in location '1..5)'"_s;
        QTest::newRow("position 0")
            << "0..5"_ba << u"position 0 (positions start at 1) in location '0..5'"_s;
        QTest::newRow("not adjacent") << "10^12"_ba
                                      << u"'10^12' is not between adjacent bases in location "
                                         "'10^12'"_s;
        QTest::newRow("fuzzy site") << "<10^11"_ba << u"fuzzy site between bases"_s;
        QTest::newRow("unknown operator")
            << "frob(1..5)"_ba << u"unknown operator 'frob' in location 'frob(1..5)'"_s;
        QTest::newRow("empty part") << "join(1..5,,8..9)"_ba
                                    << u"unexpected ',' at character 11 in location "
                                       "'join(1..5,,8..9)'"_s;
        QTest::newRow("empty") << ""_ba << u"empty location"_s;
        QTest::newRow("letters") << "1..x"_ba << u"unexpected 'x' at character 4"_s;
        QTest::newRow("backwards within") << "20.10"_ba << u"invalid range '20.10'"_s;
        QTest::newRow("huge") << "123456789012345678901"_ba << u"position too large"_s;
        QTest::newRow("deep") << QByteArray("complement(").repeated(100) + '1' +
                                     QByteArray(")").repeated(100)
                              << u"operators nested too deeply"_s;
        QTest::newRow("two accessions") << "A:B:1..2"_ba << u"two accessions for one span"_s;
        QTest::newRow("ends early") << "join(1..5,"_ba << u"location ends too early"_s;
    }
    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const LocationParseResult result = parseLocation(text, circular(100));
        QCOMPARE(result.status, LocationParseResult::Status::Invalid);
        QVERIFY2(result.error.startsWith(message), qPrintable(result.error));
        QVERIFY(result.location.isEmpty());
    }

    void unplaceable()
    {
        // Well-formed, but no place on this sequence: the reader keeps the feature without it.
        LocationParseResult r = parseLocation("2812..915", {171, false, true});
        QCOMPARE(r.status, LocationParseResult::Status::Unplaceable);
        QCOMPARE(r.error, u"range '2812..915' runs backwards on a sequence that is not circular"_s);
        r = parseLocation("join(1..5,8000..10)", circular(7000));
        QCOMPARE(r.status, LocationParseResult::Status::Unplaceable);
        QCOMPARE(r.error, u"range '8000..10' crosses the origin but starts beyond the 7000 bp "
                          "sequence in location 'join(1..5,8000..10)'"_s);
        r = parseLocation("J00194.1:300..202", circular(7000));
        QCOMPARE(r.status, LocationParseResult::Status::Unplaceable);
        // A syntax error anywhere wins over an unplaceable range.
        QCOMPARE(parseLocation("join(20..10,5..)", {100, false, true}).status,
                 LocationParseResult::Status::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestLocation)
#include "tst_bio_location.moc"
