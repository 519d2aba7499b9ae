// The features of a SequenceDocument as a table (name, type, start, end, strand, length) for the
// editor's feature list. Rows follow the document's feature order; any feature change resets
// the model (feature edits are rare next to reads, and a reset is O(1) here).
// Editing the name or type cell changes the feature through the document (one undo step).
#pragma once

#include <QAbstractTableModel>

namespace benchtop::models {

class SequenceDocument;

class FeatureListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, StartColumn, EndColumn, StrandColumn, LengthColumn };
    enum Role { StartRole = Qt::UserRole + 100, EndRole };

    explicit FeatureListModel(SequenceDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    SequenceDocument *m_document;
    int m_rows = 0;
};

} // namespace benchtop::models
