-- no rows: a right password takes back the failure reserved for its try on the client's address
update sign_in_address set failures = greatest(failures - 1, 0) where address = $address
