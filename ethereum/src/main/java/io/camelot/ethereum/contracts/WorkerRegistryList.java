package io.camelot.ethereum.contracts;

import io.reactivex.Flowable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import javax.annotation.processing.Generated;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * <p>Auto generated code.
 * <p><strong>Do not modify!</strong>
 * <p>Please use the <a href="https://docs.web3j.io/command_line.html">web3j command line tools</a>,
 * or the org.web3j.codegen.SolidityFunctionWrapperGenerator in the 
 * <a href="https://github.com/LFDT-web3j/web3j/tree/main/codegen">codegen module</a> to update.
 *
 * <p>Generated with web3j version 5.0.2.
 */
@SuppressWarnings("rawtypes")
@Generated("org.web3j.codegen.SolidityFunctionWrapperGenerator")
public class WorkerRegistryList extends Contract {
    public static final String BINARY = "6080604052348015600e575f5ffd5b50610fe48061001c5f395ff3fe608060405234801561000f575f5ffd5b50600436106100a6575f3560e01c8063aa8a97e61161006e578063aa8a97e6146100fd578063b34758d91461013d578063ccba7a571461015f578063ddf84eb114610182578063e1ec891e1461018a578063f3e6be0b1461019d575f5ffd5b806331b28664146100aa57806334c38351146100c55780634389cc22146100cd578063894fa0e5146100d55780639740e605146100ea575b5f5ffd5b6100b2603281565b6040519081526020015b60405180910390f35b6100b2600381565b6100b2600181565b6100e86100e33660046109d1565b6101b0565b005b6100e86100f83660046109d1565b6102f0565b61012561010b366004610a82565b5f908152602081905260409020546001600160a01b031690565b6040516001600160a01b0390911681526020016100bc565b61015061014b366004610a99565b610500565b6040516100bc93929190610af3565b61017261016d366004610a82565b61069f565b6040516100bc9493929190610b1a565b6100b2600281565b610150610198366004610a82565b6107b4565b6100e86101ab366004610a99565b6107cf565b5f8681526020819052604090205486906001600160a01b031661020d5760405162461bcd60e51b815260206004820152601060248201526f756e6b6e6f776e20726567697374727960801b60448201526064015b60405180910390fd5b5f818152602081905260409020546001600160a01b031633146102725760405162461bcd60e51b815260206004820152601f60248201527f6e6f74207468652072656769737472792773206f7267616e697a6174696f6e006044820152606401610204565b5f8781526020819052604090206001810161028e878983610c2e565b5060028101859055600381016102a5848683610d45565b50877f9d105f680778bec86b40dc91ced72a0414795f21496a88efc3e223e8a57130b788888888886040516102de959493929190610de5565b60405180910390a25050505050505050565b8561032d5760405162461bcd60e51b815260206004820152600d60248201526c6f72674964206973207a65726f60981b6044820152606401610204565b5f868152602081905260409020546001600160a01b0316156103835760405162461bcd60e51b815260206004820152600f60248201526e72656769737472792065786973747360881b6044820152606401610204565b6040518060a00160405280336001600160a01b0316815260200186868080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525050509082525060208082018690526040805185830281810184018352868252919093019291869186918291908501908490808284375f9201829052509385525050600160209384018190528a83528284526040909220845181546001600160a01b0319166001600160a01b039091161781559284015191830191610454915082610e1d565b5060408201516002820155606082015160038201906104739082610ed8565b50608091909101516004909101556001805480820182555f919091527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf60186905560405186907fbe93c0d874c54969c1b0fe1181ec5365ed785338c6af1a4d31300e8bb5aed509906104f090339089908990899089908990610f25565b60405180910390a2505050505050565b60408051603280825261066082019092525f91829160609183919060208201610640803683370190505090505f805b6001548110156105e45761056d5f5f6001848154811061055157610551610f6f565b905f5260205f20015481526020019081526020015f208961092c565b156105dc578686101580156105825750603282105b156105ce576001818154811061059a5761059a610f6f565b905f5260205f2001548383806105af90610f83565b9450815181106105c1576105c1610f6f565b6020026020010181815250505b856105d881610f83565b9650505b60010161052f565b50846105f08288610f9b565b106105fb575f610605565b6106058187610f9b565b93508067ffffffffffffffff81111561062057610620610b8b565b604051908082528060200260200182016040528015610649578160200160208202803683370190505b5092505f5b818110156106955782818151811061066857610668610f6f565b602002602001015184828151811061068257610682610f6f565b602090810291909101015260010161064e565b5050509250925092565b60605f60605f5f5f5f8781526020019081526020015f2090508060010181600201548260030183600401548380546106d690610b9f565b80601f016020809104026020016040519081016040528092919081815260200182805461070290610b9f565b801561074d5780601f106107245761010080835404028352916020019161074d565b820191905f5260205f20905b81548152906001019060200180831161073057829003601f168201915b505050505093508180548060200260200160405190810160405280929190818152602001828054801561079d57602002820191905f5260205f20905b815481526020019060010190808311610789575b505050505091509450945094509450509193509193565b5f5f60606107c2845f610500565b9250925092509193909250565b5f8281526020819052604090205482906001600160a01b03166108275760405162461bcd60e51b815260206004820152601060248201526f756e6b6e6f776e20726567697374727960801b6044820152606401610204565b5f818152602081905260409020546001600160a01b0316331461088c5760405162461bcd60e51b815260206004820152601f60248201527f6e6f74207468652072656769737472792773206f7267616e697a6174696f6e006044820152606401610204565b6001821015801561089e575060038211155b6108e05760405162461bcd60e51b8152602060048201526013602482015272737461747573206f7574206f662072616e676560681b6044820152606401610204565b5f8381526020818152604091829020600401849055905183815284917f6db9dd83698daca77fcb4b0547b8fd789b64c94990be542efe0fb2e8735ae9f0910160405180910390a2505050565b5f8161093a57506001610983565b5f5b600384015481101561097e578284600301828154811061095e5761095e610f6f565b905f5260205f20015403610976576001915050610983565b60010161093c565b505f90505b92915050565b5f5f83601f840112610999575f5ffd5b50813567ffffffffffffffff8111156109b0575f5ffd5b6020830191508360208260051b85010111156109ca575f5ffd5b9250929050565b5f5f5f5f5f5f608087890312156109e6575f5ffd5b86359550602087013567ffffffffffffffff811115610a03575f5ffd5b8701601f81018913610a13575f5ffd5b803567ffffffffffffffff811115610a29575f5ffd5b896020828401011115610a3a575f5ffd5b6020919091019550935060408701359250606087013567ffffffffffffffff811115610a64575f5ffd5b610a7089828a01610989565b979a9699509497509295939492505050565b5f60208284031215610a92575f5ffd5b5035919050565b5f5f60408385031215610aaa575f5ffd5b50508035926020909101359150565b5f8151808452602084019350602083015f5b82811015610ae9578151865260209586019590910190600101610acb565b5093949350505050565b838152826020820152606060408201525f610b116060830184610ab9565b95945050505050565b608081525f85518060808401525f5b81811015610b4657602081890181015160a0868401015201610b29565b505f60a08285010152601f19601f8201168301905085602084015260a0838203016040840152610b7960a0820186610ab9565b91505082606083015295945050505050565b634e487b7160e01b5f52604160045260245ffd5b600181811c90821680610bb357607f821691505b602082108103610bd157634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610c295782821115610c2957805f5260205f20601f840160051c6020851015610c0257505f5b90810190601f840160051c035f5b81811015610c25575f83820155600101610c10565b5050505b505050565b67ffffffffffffffff831115610c4657610c46610b8b565b610c5a83610c548354610b9f565b83610bd7565b5f601f841160018114610c8b575f8515610c745750838201355b5f19600387901b1c1916600186901b178355610ce2565b5f83815260208120601f198716915b82811015610cba5786850135825560209485019460019092019101610c9a565b5086821015610cd6575f1960f88860031b161c19848701351681555b505060018560011b0183555b5050505050565b634e487b7160e01b5f52601160045260245ffd5b68010000000000000000821115610d1657610d16610b8b565b805482825580831015610c2957815f528260205f20018382035f81811015610c25575f83820155600101610c10565b67ffffffffffffffff831115610d5d57610d5d610b8b565b610d678382610cfd565b81815f5260205f205f5b85811015610c2557823582820155602090920191600101610d71565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b8183525f6001600160fb1b03831115610dcc575f5ffd5b8260051b80836020870137939093016020019392505050565b606081525f610df8606083018789610d8d565b8560208401528281036040840152610e11818587610db5565b98975050505050505050565b815167ffffffffffffffff811115610e3757610e37610b8b565b610e4b81610e458454610b9f565b84610bd7565b6020601f821160018114610e7d575f8315610e665750848201515b5f19600385901b1c1916600184901b178455610ce2565b5f84815260208120601f198516915b82811015610eac5787850151825560209485019460019092019101610e8c565b5084821015610ec957868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b815167ffffffffffffffff811115610ef257610ef2610b8b565b610efc8183610cfd565b60208301825f5260205f205f5b83811015610c2557825182820155602090920191600101610f09565b6001600160a01b03871681526080602082018190525f90610f499083018789610d8d565b8560408401528281036060840152610f62818587610db5565b9998505050505050505050565b634e487b7160e01b5f52603260045260245ffd5b5f60018201610f9457610f94610ce9565b5060010190565b8082018082111561098357610983610ce956fea264697066735822122098df85247a014727194fb118abfe04037b4f46f84564f78f40ca2a2dda03817c64736f6c63430008250033";

    private static String librariesLinkedBinary;

    public static final String FUNC_PAGE_SIZE = "PAGE_SIZE";

    public static final String FUNC_STATUS_ACTIVE = "STATUS_ACTIVE";

    public static final String FUNC_STATUS_DECOMMISSIONED = "STATUS_DECOMMISSIONED";

    public static final String FUNC_STATUS_OFFLINE = "STATUS_OFFLINE";

    public static final String FUNC_REGISTRYADD = "registryAdd";

    public static final String FUNC_REGISTRYLOOKUP = "registryLookUp";

    public static final String FUNC_REGISTRYLOOKUPNEXT = "registryLookUpNext";

    public static final String FUNC_REGISTRYOWNER = "registryOwner";

    public static final String FUNC_REGISTRYRETRIEVE = "registryRetrieve";

    public static final String FUNC_REGISTRYSETSTATUS = "registrySetStatus";

    public static final String FUNC_REGISTRYUPDATE = "registryUpdate";

    public static final Event REGISTRYADDED_EVENT = new Event("RegistryAdded", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Address>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
    ;

    public static final Event REGISTRYSTATUSSET_EVENT = new Event("RegistryStatusSet", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event REGISTRYUPDATED_EVENT = new Event("RegistryUpdated", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Utf8String>() {}, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
    ;

    @Deprecated
    protected WorkerRegistryList(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected WorkerRegistryList(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected WorkerRegistryList(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected WorkerRegistryList(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<RegistryAddedEventResponse> getRegistryAddedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(REGISTRYADDED_EVENT, transactionReceipt);
        ArrayList<RegistryAddedEventResponse> responses = new ArrayList<RegistryAddedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RegistryAddedEventResponse typedResponse = new RegistryAddedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.orgId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.owner = (String) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.uri = (String) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.scAddr = (byte[]) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.appTypeIds = (List<byte[]>) ((Array) eventValues.getNonIndexedValues().get(3)).getNativeValueCopy();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RegistryAddedEventResponse getRegistryAddedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(REGISTRYADDED_EVENT, log);
        RegistryAddedEventResponse typedResponse = new RegistryAddedEventResponse();
        typedResponse.log = log;
        typedResponse.orgId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.owner = (String) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.uri = (String) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.scAddr = (byte[]) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.appTypeIds = (List<byte[]>) ((Array) eventValues.getNonIndexedValues().get(3)).getNativeValueCopy();
        return typedResponse;
    }

    public Flowable<RegistryAddedEventResponse> registryAddedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRegistryAddedEventFromLog(log));
    }

    public Flowable<RegistryAddedEventResponse> registryAddedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(REGISTRYADDED_EVENT));
        return registryAddedEventFlowable(filter);
    }

    public static List<RegistryStatusSetEventResponse> getRegistryStatusSetEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(REGISTRYSTATUSSET_EVENT, transactionReceipt);
        ArrayList<RegistryStatusSetEventResponse> responses = new ArrayList<RegistryStatusSetEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RegistryStatusSetEventResponse typedResponse = new RegistryStatusSetEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.orgId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.status = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RegistryStatusSetEventResponse getRegistryStatusSetEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(REGISTRYSTATUSSET_EVENT, log);
        RegistryStatusSetEventResponse typedResponse = new RegistryStatusSetEventResponse();
        typedResponse.log = log;
        typedResponse.orgId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.status = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        return typedResponse;
    }

    public Flowable<RegistryStatusSetEventResponse> registryStatusSetEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRegistryStatusSetEventFromLog(log));
    }

    public Flowable<RegistryStatusSetEventResponse> registryStatusSetEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(REGISTRYSTATUSSET_EVENT));
        return registryStatusSetEventFlowable(filter);
    }

    public static List<RegistryUpdatedEventResponse> getRegistryUpdatedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(REGISTRYUPDATED_EVENT, transactionReceipt);
        ArrayList<RegistryUpdatedEventResponse> responses = new ArrayList<RegistryUpdatedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RegistryUpdatedEventResponse typedResponse = new RegistryUpdatedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.orgId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.uri = (String) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.scAddr = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.appTypeIds = (List<byte[]>) ((Array) eventValues.getNonIndexedValues().get(2)).getNativeValueCopy();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RegistryUpdatedEventResponse getRegistryUpdatedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(REGISTRYUPDATED_EVENT, log);
        RegistryUpdatedEventResponse typedResponse = new RegistryUpdatedEventResponse();
        typedResponse.log = log;
        typedResponse.orgId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.uri = (String) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.scAddr = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.appTypeIds = (List<byte[]>) ((Array) eventValues.getNonIndexedValues().get(2)).getNativeValueCopy();
        return typedResponse;
    }

    public Flowable<RegistryUpdatedEventResponse> registryUpdatedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRegistryUpdatedEventFromLog(log));
    }

    public Flowable<RegistryUpdatedEventResponse> registryUpdatedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(REGISTRYUPDATED_EVENT));
        return registryUpdatedEventFlowable(filter);
    }

    public RemoteFunctionCall<BigInteger> PAGE_SIZE() {
        final Function function = new Function(FUNC_PAGE_SIZE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_ACTIVE() {
        final Function function = new Function(FUNC_STATUS_ACTIVE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_DECOMMISSIONED() {
        final Function function = new Function(FUNC_STATUS_DECOMMISSIONED, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> STATUS_OFFLINE() {
        final Function function = new Function(FUNC_STATUS_OFFLINE, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<TransactionReceipt> registryAdd(byte[] orgId, String uri,
            byte[] scAddr, List<byte[]> appTypeIds) {
        final Function function = new Function(
                FUNC_REGISTRYADD, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(orgId), 
                new org.web3j.abi.datatypes.Utf8String(uri), 
                new org.web3j.abi.datatypes.generated.Bytes32(scAddr), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Bytes32>(
                        org.web3j.abi.datatypes.generated.Bytes32.class,
                        org.web3j.abi.Utils.typeMap(appTypeIds, org.web3j.abi.datatypes.generated.Bytes32.class))), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>> registryLookUp(
            byte[] appTypeId) {
        final Function function = new Function(FUNC_REGISTRYLOOKUP, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(appTypeId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
        return new RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>>(function,
                new Callable<Tuple3<BigInteger, BigInteger, List<byte[]>>>() {
                    @Override
                    public Tuple3<BigInteger, BigInteger, List<byte[]>> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<BigInteger, BigInteger, List<byte[]>>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()));
                    }
                });
    }

    public RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>> registryLookUpNext(
            byte[] appTypeId, BigInteger lookUpTag) {
        final Function function = new Function(FUNC_REGISTRYLOOKUPNEXT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(appTypeId), 
                new org.web3j.abi.datatypes.generated.Uint256(lookUpTag)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Bytes32>>() {}));
        return new RemoteFunctionCall<Tuple3<BigInteger, BigInteger, List<byte[]>>>(function,
                new Callable<Tuple3<BigInteger, BigInteger, List<byte[]>>>() {
                    @Override
                    public Tuple3<BigInteger, BigInteger, List<byte[]>> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<BigInteger, BigInteger, List<byte[]>>(
                                (BigInteger) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()));
                    }
                });
    }

    public RemoteFunctionCall<String> registryOwner(byte[] orgId) {
        final Function function = new Function(FUNC_REGISTRYOWNER, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(orgId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    public RemoteFunctionCall<Tuple4<String, byte[], List<byte[]>, BigInteger>> registryRetrieve(
            byte[] orgId) {
        final Function function = new Function(FUNC_REGISTRYRETRIEVE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(orgId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Utf8String>() {}, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Bytes32>>() {}, new TypeReference<Uint256>() {}));
        return new RemoteFunctionCall<Tuple4<String, byte[], List<byte[]>, BigInteger>>(function,
                new Callable<Tuple4<String, byte[], List<byte[]>, BigInteger>>() {
                    @Override
                    public Tuple4<String, byte[], List<byte[]>, BigInteger> call() throws
                            Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple4<String, byte[], List<byte[]>, BigInteger>(
                                (String) results.get(0).getValue(), 
                                (byte[]) results.get(1).getValue(), 
                                convertToNative((List<Bytes32>) results.get(2).getValue()), 
                                (BigInteger) results.get(3).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> registrySetStatus(byte[] orgId,
            BigInteger status) {
        final Function function = new Function(
                FUNC_REGISTRYSETSTATUS, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(orgId), 
                new org.web3j.abi.datatypes.generated.Uint256(status)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<TransactionReceipt> registryUpdate(byte[] orgId, String uri,
            byte[] scAddr, List<byte[]> appTypeIds) {
        final Function function = new Function(
                FUNC_REGISTRYUPDATE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(orgId), 
                new org.web3j.abi.datatypes.Utf8String(uri), 
                new org.web3j.abi.datatypes.generated.Bytes32(scAddr), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Bytes32>(
                        org.web3j.abi.datatypes.generated.Bytes32.class,
                        org.web3j.abi.Utils.typeMap(appTypeIds, org.web3j.abi.datatypes.generated.Bytes32.class))), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    @Deprecated
    public static WorkerRegistryList load(String contractAddress, Web3j web3j,
            Credentials credentials, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkerRegistryList(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static WorkerRegistryList load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new WorkerRegistryList(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static WorkerRegistryList load(String contractAddress, Web3j web3j,
            Credentials credentials, ContractGasProvider contractGasProvider) {
        return new WorkerRegistryList(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static WorkerRegistryList load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new WorkerRegistryList(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<WorkerRegistryList> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return deployRemoteCall(WorkerRegistryList.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<WorkerRegistryList> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(WorkerRegistryList.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static RemoteCall<WorkerRegistryList> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return deployRemoteCall(WorkerRegistryList.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<WorkerRegistryList> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(WorkerRegistryList.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static void linkLibraries(List<Contract.LinkReference> references) {
        librariesLinkedBinary = linkBinaryWithReferences(BINARY, references);
    }

    private static String getDeploymentBinary() {
        if (librariesLinkedBinary != null) {
            return librariesLinkedBinary;
        } else {
            return BINARY;
        }
    }

    public static class RegistryAddedEventResponse extends BaseEventResponse {
        public byte[] orgId;

        public String owner;

        public String uri;

        public byte[] scAddr;

        public List<byte[]> appTypeIds;
    }

    public static class RegistryStatusSetEventResponse extends BaseEventResponse {
        public byte[] orgId;

        public BigInteger status;
    }

    public static class RegistryUpdatedEventResponse extends BaseEventResponse {
        public byte[] orgId;

        public String uri;

        public byte[] scAddr;

        public List<byte[]> appTypeIds;
    }
}
