package com.ceki.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The role matrix of docs/contracts.md is the one in the code: every row of the documented table, cell by cell,
 * against {@link ContractOperation} and the documented defaults against {@link ContractRole}.
 */
class ContractRolesTableTest {

    private static final List<ContractOperation> ROWS = List.of(ContractOperation.READ_CONTRACT,
            ContractOperation.READ_OWN_EVENTS, ContractOperation.READ_ALL_EVENTS, ContractOperation.READ_RATES,
            ContractOperation.READ_BILLS, ContractOperation.LOG_OWN_TIME, ContractOperation.WRITE_EVENTS,
            ContractOperation.LOG_TIME_FOR_OTHERS, ContractOperation.APPROVE, ContractOperation.RECORD_PAYMENTS,
            ContractOperation.BILLS, ContractOperation.DELETE_TRANSACTIONS, ContractOperation.EDIT_CONTRACT,
            ContractOperation.MANAGE_HANDS);

    private static List<String> tableRows(String heading) throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../../docs/contracts.md").normalize();
        List<String> rows = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| " + heading)) {
                inside = true;
                continue;
            }
            if (inside && line.startsWith("|---")) {
                continue;
            }
            if (inside && !line.startsWith("|")) {
                break;
            }
            if (inside) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.split("\\|")) {
            cells.add(cell.trim());
        }
        return cells.subList(1, cells.size());
    }

    @Test
    void theDocumentedMatrixIsTheCodes() throws IOException {
        List<String> rows = tableRows("operation | needs |");
        List<String> operationRows = rows.subList(0, ROWS.size());
        for (int r = 0; r < ROWS.size(); r++) {
            ContractOperation op = ROWS.get(r);
            List<String> cells = cells(operationRows.get(r));
            String dimension = op.dimension() == ContractOperation.Dimension.READ ? "read" : "write";
            assertEquals(dimension + " ≥ " + op.level(), cells.get(1), op + " needs");
            for (ContractRole role : ContractRole.values()) {
                String cell = cells.get(1 + role.id());
                assertEquals(op.allowsRole(role) ? "✓" : "–", cell, op + " for " + role);
            }
        }
        assertEquals("hand over ownership", cells(rows.get(ROWS.size())).get(0));
    }

    @Test
    void theDocumentedDefaultsAreTheCodes() throws IOException {
        List<String> rows = tableRows("role_id | role |");
        assertEquals(ContractRole.values().length, rows.size());
        for (ContractRole role : ContractRole.values()) {
            List<String> cells = cells(rows.get(role.id() - 1));
            assertEquals(List.of(Integer.toString(role.id()), role.wireName(), Integer.toString(role.defaultRead()),
                    Integer.toString(role.defaultWrite())), cells);
        }
    }
}
