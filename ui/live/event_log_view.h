// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bidlab::ui {

class EventLogModel;

// The event log and alerts pane: the run's events, newest at the bottom (followed while the view is
// scrolled to the end), filtered by lowest severity and by text.
class EventLogView : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    void setMinimumSeverity(int severity); // int(EventSeverity)

private:
    EventLogModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QComboBox* m_severity;
    QLineEdit* m_search;
    bool m_followEnd = true;
};

} // namespace bidlab::ui
